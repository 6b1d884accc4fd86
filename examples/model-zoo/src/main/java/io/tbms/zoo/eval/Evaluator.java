package io.tbms.zoo.eval;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.ScopeTally;
import io.tbms.zoo.model.TextModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Scores a model on the test split (never used for training or thresholds) and times its
 * {@code predict} at batch 1 and batch 32. Timings are measurements for docs, not assertions.
 */
public final class Evaluator {

  static final int TIMED_CALLS = 60;
  static final int BATCH = 32;

  private final LongSupplier nanoTime;

  /** @param nanoTime the monotonic clock the timings read */
  public Evaluator(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public ModelScore score(TextModel model, Dataset dataset) {
    List<LabeledText> test = dataset.test();
    ScopeTally tally = new ScopeTally();
    for (int start = 0; start < test.size(); start += BATCH) {
      List<LabeledText> slice = test.subList(start, Math.min(test.size(), start + BATCH));
      List<Prediction> predictions = model.predict(slice.stream().map(LabeledText::text).toList());
      for (int i = 0; i < slice.size(); i++) {
        tally.add(slice.get(i).label(), predictions.get(i).label());
      }
    }
    return new ModelScore(
        tally.accuracy(),
        tally.oosRecall(),
        p50Millis(model, test, 1),
        p50Millis(model, test, BATCH));
  }

  private double p50Millis(TextModel model, List<LabeledText> test, int batch) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      texts.add(test.get((i * 37) % test.size()).text());
    }
    int calls = batch == 1 ? TIMED_CALLS * 4 : TIMED_CALLS / 2;
    for (int i = 0; i < Math.max(3, calls / 10); i++) {
      model.predict(texts);
    }
    long[] nanos = new long[calls];
    for (int i = 0; i < calls; i++) {
      long started = nanoTime.getAsLong();
      model.predict(texts);
      nanos[i] = nanoTime.getAsLong() - started;
    }
    Arrays.sort(nanos);
    return nanos[calls / 2] / 1e6;
  }
}
