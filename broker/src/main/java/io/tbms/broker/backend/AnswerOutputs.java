package io.tbms.broker.backend;

import io.tbms.broker.registry.ModelConfig;
import java.util.Objects;

/**
 * Which KServe output tensors of a model hold its answer: the label (a {@code BYTES} tensor, one
 * element per query) and its score (an {@code FP32} or {@code FP64} tensor, one element per
 * query); and how many classes a call that wants class scores asks the score output for. Immutable.
 *
 * <p>Class scores follow Triton's classification extension: the score output is requested with
 * the parameter {@code classification = classes}, and a server that supports it answers with a
 * {@code BYTES} tensor of shape {@code [n, k]} holding {@code "<score>:<index>:<label>"}, best
 * first. A server that ignores the parameter answers as usual and the call falls back to the
 * label and score. Only calls whose {@link InferInput#classScores()} is set ask.
 *
 * @param label the name of the label output, e.g. {@code LABEL}
 * @param score the name of the score output, e.g. {@code SCORE}
 * @param classes how many of the best classes to ask for, {@code >= 0}; 0: never ask (also when
 *     the label and score are one output)
 */
public record AnswerOutputs(String label, String score, int classes) {

  /** The names Triton-style text models use: {@code LABEL} and {@code SCORE}; default classes. */
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
    if (classes < 0) {
      throw new IllegalArgumentException("classes must be >= 0, was " + classes);
    }
  }

  /** With {@link BackendConfig#DEFAULT_CLASS_SCORES} classes. */
  public AnswerOutputs(String label, String score) {
    this(label, score, BackendConfig.DEFAULT_CLASS_SCORES);
  }

  /** The outputs the registry names for {@code model}, with the default number of classes. */
  public static AnswerOutputs of(ModelConfig model) {
    return new AnswerOutputs(model.labelOutput(), model.scoreOutput());
  }

  /** The same outputs, asking for {@code count} classes. */
  public AnswerOutputs withClasses(int count) {
    return new AnswerOutputs(label, score, count);
  }

  /** Whether a call with this input asks the score output for class scores. */
  public boolean asksClasses(InferInput input) {
    return input.classScores() && classes > 0 && !score.equals(label);
  }
}
