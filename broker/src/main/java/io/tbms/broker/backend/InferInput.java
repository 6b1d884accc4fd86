package io.tbms.broker.backend;

import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code ModelInfer} call carries: either texts, sent as one {@code BYTES} input named
 * {@code TEXT} with shape {@code [n, 1]} (several queries may share it: cross-request batching),
 * or one query's KServe v2 input tensors, passed through unchanged; whether the call asks the
 * model for its top-k class scores as well as its label and score (only members of an {@code avg}
 * mix group do: see {@link AnswerOutputs#classes()}); and the call's {@link Urgency}, its deadline
 * and priority, which travel with the request to the model server.
 */
public sealed interface InferInput {

  /** How many answers the call yields: one per text, or one for a tensor query. */
  int size();

  /** Whether the call asks for class scores (Triton's classification extension). */
  boolean classScores();

  /** The same input, asking for class scores. */
  InferInput withClassScores();

  /** The call's deadline and priority; {@link Urgency#NONE} when it carries neither. */
  Urgency urgency();

  /** The same input, carrying {@code urgency}. */
  InferInput withUrgency(Urgency urgency);

  /**
   * @param texts one per query, at least one
   * @param classScores whether to ask for class scores
   * @param urgency the call's deadline and priority
   */
  record Texts(List<String> texts, boolean classScores, Urgency urgency) implements InferInput {
    public Texts {
      texts = List.copyOf(texts);
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("texts must not be empty");
      }
      Objects.requireNonNull(urgency, "urgency");
    }

    /** Texts without a deadline or priority. */
    public Texts(List<String> texts, boolean classScores) {
      this(texts, classScores, Urgency.NONE);
    }

    /** Texts that ask for no class scores, without a deadline or priority. */
    public Texts(List<String> texts) {
      this(texts, false);
    }

    @Override
    public int size() {
      return texts.size();
    }

    @Override
    public Texts withClassScores() {
      return classScores ? this : new Texts(texts, true, urgency);
    }

    @Override
    public Texts withUrgency(Urgency urgency) {
      return new Texts(texts, classScores, urgency);
    }
  }

  /**
   * @param tensors one query's input tensors, with their contents
   * @param classScores whether to ask for class scores
   * @param urgency the call's deadline and priority
   */
  record Tensors(List<InferInputTensor> tensors, boolean classScores, Urgency urgency) implements InferInput {
    public Tensors {
      tensors = List.copyOf(tensors);
      if (tensors.isEmpty()) {
        throw new IllegalArgumentException("tensors must not be empty");
      }
      Objects.requireNonNull(urgency, "urgency");
    }

    /** Tensors without a deadline or priority. */
    public Tensors(List<InferInputTensor> tensors, boolean classScores) {
      this(tensors, classScores, Urgency.NONE);
    }

    /** Tensors that ask for no class scores, without a deadline or priority. */
    public Tensors(List<InferInputTensor> tensors) {
      this(tensors, false);
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public Tensors withClassScores() {
      return classScores ? this : new Tensors(tensors, true, urgency);
    }

    @Override
    public Tensors withUrgency(Urgency urgency) {
      return new Tensors(tensors, classScores, urgency);
    }
  }
}
