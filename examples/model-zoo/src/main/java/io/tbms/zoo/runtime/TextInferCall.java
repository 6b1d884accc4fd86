package io.tbms.zoo.runtime;

import io.tbms.zoo.batching.QueueTerms;
import java.util.List;
import java.util.Objects;

/**
 * A decoded, validated inference request for a text model, whichever front it came through.
 *
 * @param id the caller's request id, echoed in the response; may be empty
 * @param texts the utterances, one per batch row
 * @param outputs the outputs to return, in order
 * @param classification how many classes the {@code SCORE} output returns instead of the score
 *     (Triton's classification extension, {@code >= 1}); 0: the plain score
 * @param terms the request's priority and queue timeout (request parameters {@code priority},
 *     {@code timeout}, and on gRPC the call's deadline)
 */
public record TextInferCall(String id, List<String> texts, List<String> outputs, int classification, QueueTerms terms) {

  public TextInferCall {
    Objects.requireNonNull(terms, "terms");
    texts = List.copyOf(texts);
    outputs = List.copyOf(outputs);
    if (classification < 0) {
      throw new IllegalArgumentException("classification must be >= 0, was " + classification);
    }
  }
}
