package io.tbms.zoo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.eval.Evaluator;
import io.tbms.zoo.eval.ModelScore;
import io.tbms.zoo.model.TextModel;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code tbms models --eval}: scores each model on the test split; a table, or one JSON object. */
final class Evaluation {

  private Evaluation() {}

  static int run(Dataset dataset, Map<String, TextModel> models, boolean json, PrintStream out) throws Exception {
    Evaluator evaluator = new Evaluator(System::nanoTime);
    Map<String, ModelScore> scores = new LinkedHashMap<>();
    for (Map.Entry<String, TextModel> model : models.entrySet()) {
      scores.put(model.getKey(), evaluator.score(model.getValue(), dataset));
    }
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      ObjectNode all = root.putObject("models");
      scores.forEach((name, s) -> all.putObject(name)
          .put("accuracy", round(s.accuracy(), 4))
          .put("oos_recall", round(s.oosRecall(), 4))
          .put("p50_ms_batch1", round(s.p50MillisBatch1(), 3))
          .put("p50_ms_batch32", round(s.p50MillisBatch32(), 3)));
      out.println(mapper.writeValueAsString(root));
    } else {
      out.printf("%-10s %9s %11s %14s %15s%n", "model", "accuracy", "oos_recall", "p50_ms_batch1", "p50_ms_batch32");
      scores.forEach((name, s) -> out.printf("%-10s %9.4f %11.4f %14.3f %15.3f%n",
          name, s.accuracy(), s.oosRecall(), s.p50MillisBatch1(), s.p50MillisBatch32()));
    }
    return 0;
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }
}
