package io.tbms.broker.backend;

import io.tbms.broker.registry.ModelConfig;
import java.util.Objects;

/**
 * Which KServe output tensors of a model hold its answer: the label (a {@code BYTES} tensor, one
 * element per query) and its score (an {@code FP32} or {@code FP64} tensor, one element per
 * query). Immutable.
 *
 * @param label the name of the label output, e.g. {@code LABEL}
 * @param score the name of the score output, e.g. {@code SCORE}
 */
public record AnswerOutputs(String label, String score) {

  /** The names Triton-style text models use: {@code LABEL} and {@code SCORE}. */
  public static final AnswerOutputs DEFAULT =
      new AnswerOutputs(ModelConfig.DEFAULT_LABEL_OUTPUT, ModelConfig.DEFAULT_SCORE_OUTPUT);

  public AnswerOutputs {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(score, "score");
    if (label.isBlank()) {
      throw new IllegalArgumentException("label must not be blank");
    }
    if (score.isBlank()) {
      throw new IllegalArgumentException("score must not be blank");
    }
  }

  /** The outputs the registry names for {@code model}. */
  public static AnswerOutputs of(ModelConfig model) {
    return new AnswerOutputs(model.labelOutput(), model.scoreOutput());
  }
}
