package io.tbms.zoo.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.ScopeTally;
import io.tbms.zoo.model.TextModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Scores a model on the test split (never used for training or thresholds) and times its
 * {@code predict} at batch 1 and batch 32. Timings are measurements for docs, not assertions.
 * Stateless apart from the injected clock; run one evaluation at a time, since concurrent calls
 * would time each other.
 */
public final class Evaluator {

  static final int TIMED_CALLS = 60;
  static final int BATCH = 32;

  private final LongSupplier nanoTime;

  /** @param nanoTime the monotonic clock the timings read */
  public Evaluator(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Scores every model, in the map's order. */
  public Map<String, ModelScore> scoreAll(Map<String, TextModel> models, Dataset dataset) {
    Map<String, ModelScore> scores = new LinkedHashMap<>();
    models.forEach((name, model) -> scores.put(name, score(model, dataset)));
    return scores;
  }

  /**
   * The scores as {@code {"models": {"<name>": {"accuracy": …, "oos_recall": …, "p50_ms_batch1":
   * …, "p50_ms_batch32": …}}}}: shares to 4 decimals, times in ms to 3.
   */
  public static String toJson(Map<String, ModelScore> scores) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode models = root.putObject("models");
    scores.forEach((name, s) -> models.putObject(name)
        .put("accuracy", round(s.accuracy(), 4))
        .put("oos_recall", round(s.oosRecall(), 4))
        .put("p50_ms_batch1", round(s.p50MillisBatch1(), 3))
        .put("p50_ms_batch32", round(s.p50MillisBatch32(), 3)));
    try {
      return mapper.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers always serialises", e);
    }
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** In-scope accuracy and oos recall of a model on a split, predicting in batches of 32. */
  public static ScopeTally tally(TextModel model, List<LabeledText> split) {
    ScopeTally tally = new ScopeTally();
    for (int start = 0; start < split.size(); start += BATCH) {
      List<LabeledText> slice = split.subList(start, Math.min(split.size(), start + BATCH));
      List<Prediction> predictions = model.predict(slice.stream().map(LabeledText::text).toList());
      for (int i = 0; i < slice.size(); i++) {
        tally.add(slice.get(i).label(), predictions.get(i).label());
      }
    }
    return tally;
  }

  /** Accuracy and oos recall on the test split, and the p50 latencies. */
  public ModelScore score(TextModel model, Dataset dataset) {
    List<LabeledText> test = dataset.test();
    ScopeTally tally = tally(model, test);
    return new ModelScore(
        tally.accuracy(),
        tally.oosRecall(),
        p50Millis(model, test, 1),
        p50Millis(model, test, BATCH));
  }

  /** Median wall time of one {@code predict} call of {@code batch} utterances, in ms; each call
   * gets different utterances (a stride through the split), after a warm-up. */
  private double p50Millis(TextModel model, List<LabeledText> test, int batch) {
    int calls = batch == 1 ? TIMED_CALLS * 4 : TIMED_CALLS / 2;
    int warmUp = Math.max(3, calls / 10);
    List<List<String>> inputs = new ArrayList<>(warmUp + calls);
    for (int call = 0; call < warmUp + calls; call++) {
      List<String> texts = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        texts.add(test.get((int) (((long) call * batch + i) * 37 % test.size())).text());
      }
      inputs.add(texts);
    }
    for (int call = 0; call < warmUp; call++) {
      model.predict(inputs.get(call));
    }
    long[] nanos = new long[calls];
    for (int call = 0; call < calls; call++) {
      List<String> texts = inputs.get(warmUp + call);
      long started = nanoTime.getAsLong();
      model.predict(texts);
      nanos[call] = nanoTime.getAsLong() - started;
    }
    Arrays.sort(nanos);
    return nanos[calls / 2] / 1e6;
  }
}
