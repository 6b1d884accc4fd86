package io.tbms.broker.backend;

import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import java.util.List;

/**
 * What one {@code ModelInfer} call carries: either texts, sent as one {@code BYTES} input named
 * {@code TEXT} with shape {@code [n, 1]} (several queries may share it: cross-request batching),
 * or one query's KServe v2 input tensors, passed through unchanged.
 */
public sealed interface InferInput {

  /** How many answers the call yields: one per text, or one for a tensor query. */
  int size();

  /** @param texts one per query, at least one */
  record Texts(List<String> texts) implements InferInput {
    public Texts {
      texts = List.copyOf(texts);
      if (texts.isEmpty()) {
        throw new IllegalArgumentException("texts must not be empty");
      }
    }

    @Override
    public int size() {
      return texts.size();
    }
  }

  /** @param tensors one query's input tensors, with their contents */
  record Tensors(List<InferInputTensor> tensors) implements InferInput {
    public Tensors {
      tensors = List.copyOf(tensors);
      if (tensors.isEmpty()) {
        throw new IllegalArgumentException("tensors must not be empty");
      }
    }

    @Override
    public int size() {
      return 1;
    }
  }
}
