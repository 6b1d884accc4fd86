package io.tbms.zoo.server;

import io.tbms.zoo.model.ClassScore;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.runtime.InferenceException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SCORE} output of a request that asked for classifications: the predictions' best
 * {@code k} classes as Triton's {@code "<score>:<index>:<label>"} strings, row-major, for a
 * {@code BYTES} tensor of shape {@code [rows, perRow]}. Both fronts use it.
 *
 * @param perRow classes per prediction: {@code min(k, classes the model lists)}
 * @param elements {@code rows × perRow} strings, each row best first
 */
record Classifications(int perRow, List<String> elements) {

  Classifications {
    elements = List.copyOf(elements);
  }

  /**
   * @param predictions computed with at least {@code k} classes asked for
   * @throws InferenceException {@code INTERNAL} when the predictions list different numbers of
   *     classes (a model bug: the tensor would not be rectangular)
   */
  static Classifications of(List<Prediction> predictions, int k) {
    int perRow = predictions.isEmpty() ? 0 : Math.min(k, predictions.get(0).classes().size());
    List<String> elements = new ArrayList<>(predictions.size() * perRow);
    for (Prediction prediction : predictions) {
      if (Math.min(k, prediction.classes().size()) != perRow) {
        throw new InferenceException(InferenceException.Reason.INTERNAL, "the model listed "
            + prediction.classes().size() + " classes for one utterance and " + perRow + " for another");
      }
      for (ClassScore entry : prediction.classes().subList(0, perRow)) {
        elements.add(entry.toTriton());
      }
    }
    return new Classifications(perRow, elements);
  }
}
