package io.tbms.broker.backend;

import java.util.Objects;

/**
 * One class of a model's top-k class scores: a label and the model's score for it, as a KServe v2
 * server with Triton's classification extension returns them ({@code "<score>:<index>:<label>"}).
 *
 * @param label the class label, never null
 * @param score the model's score for the class; for the reference models a probability in
 *     {@code [0, 1]}
 */
public record ClassScore(String label, float score) {

  public ClassScore {
    Objects.requireNonNull(label, "label");
  }
}
