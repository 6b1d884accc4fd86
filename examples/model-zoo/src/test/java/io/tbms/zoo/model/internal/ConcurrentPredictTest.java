package io.tbms.zoo.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.testing.TrainedModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class ConcurrentPredictTest {

  @Test
  void everyModelGivesTheSameAnswersWhenCalledFromSeveralThreadsAtOnce() throws Exception {
    List<String> texts = TrainingCacheTest.texts(TrainingCacheTest.small()).subList(0, 16);
    for (Map.Entry<String, TextModel> entry : TrainedModels.all().entrySet()) {
      TextModel model = entry.getValue();
      List<Prediction> expected = model.predict(texts);
      int rounds = entry.getKey().equals("embedding") ? 3 : 20;
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      CyclicBarrier start = new CyclicBarrier(4);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread thread = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < rounds; i++) {
              List<Prediction> got = model.predict(texts);
              if (!got.equals(expected)) {
                failures.add(new AssertionError(entry.getKey() + ": " + got + " != " + expected));
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      assertThat(failures).as(entry.getKey()).isEmpty();
    }
  }
}
