package io.tbms.broker.backend;

import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import java.util.List;

/**
 * What one {@code ModelInfer} call carries: either texts, sent as one {@code BYTES} input named
 * {@code TEXT} with shape {@code [n, 1]} (several queries may share it: cross-request batching),
 * or one query's KServe v2 input tensors, passed through unchanged; and whether the call asks the
 * model for its top-k class scores as well as its label and score (only members of an {@code avg}
 * mix group do: see {@link AnswerOutputs#classes()}).
 */
public sealed interface InferInput {

  /** How many answers the call yields: one per text, or one for a tensor query. */
  int size();

  /** Whether the call asks for class scores (Triton's classification extension). */
  boolean classScores();

  /** The same input, asking for class scores. */
  InferInput withClassScores();

  /**
   * @param texts one per query, at least one
   * @param classScores whether to ask for class scores
   */
  record Texts(List<String> texts, boolean classScores) implements InferInput {
    public Texts {
      texts = List.copyOf(texts);
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("texts must not be empty");
      }
    }

    /** Texts that ask for no class scores. */
    public Texts(List<String> texts) {
      this(texts, false);
    }

    @Override
    public int size() {
      return texts.size();
    }

    @Override
    public Texts withClassScores() {
      return classScores ? this : new Texts(texts, true);
    }
  }

  /**
   * @param tensors one query's input tensors, with their contents
   * @param classScores whether to ask for class scores
   */
  record Tensors(List<InferInputTensor> tensors, boolean classScores) implements InferInput {
    public Tensors {
      tensors = List.copyOf(tensors);
      if (tensors.isEmpty()) {
        throw new IllegalArgumentException("tensors must not be empty");
      }
    }

    /** Tensors that ask for no class scores. */
    public Tensors(List<InferInputTensor> tensors) {
      this(tensors, false);
    }

    @Override
    public int size() {
      return 1;
    }

    @Override
    public Tensors withClassScores() {
      return classScores ? this : new Tensors(tensors, true);
    }
  }
}
