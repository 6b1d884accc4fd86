package io.tbms.zoo.runtime;

import java.util.List;

/**
 * A decoded, validated inference request for a text model, whichever front it came through.
 *
 * @param id the caller's request id, echoed in the response; may be empty
 * @param texts the utterances, one per batch row
 * @param outputs the outputs to return, in order
 */
public record TextInferCall(String id, List<String> texts, List<String> outputs) {

  public TextInferCall {
    texts = List.copyOf(texts);
    outputs = List.copyOf(outputs);
  }
}
