package io.tbms.zoo.cli;

import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.eval.Evaluator;
import io.tbms.zoo.eval.ModelScore;
import io.tbms.zoo.model.TextModel;
import java.io.PrintStream;
import java.util.Map;

/** {@code tbms models --eval}: scores each model on the test split; a table, or one JSON object. */
final class Evaluation {

  private Evaluation() {}

  static int run(Dataset dataset, Map<String, TextModel> models, boolean json, PrintStream out) {
    Map<String, ModelScore> scores = new Evaluator(System::nanoTime).scoreAll(models, dataset);
    if (json) {
      out.println(Evaluator.toJson(scores));
    } else {
      out.printf("%-10s %9s %11s %14s %15s%n", "model", "accuracy", "oos_recall", "p50_ms_batch1", "p50_ms_batch32");
      scores.forEach((name, s) -> out.printf("%-10s %9.4f %11.4f %14.3f %15.3f%n",
          name, s.accuracy(), s.oosRecall(), s.p50MillisBatch1(), s.p50MillisBatch32()));
    }
    return 0;
  }
}
