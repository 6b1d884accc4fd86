package io.tbms.broker.front;

/**
 * Why a query is refused before it is accepted: the field at fault (its JSON / proto name, e.g.
 * {@code models[2].est_ms}) and a message for the caller. Mapped to HTTP 400 and gRPC
 * {@code INVALID_ARGUMENT} at the edge.
 */
public record BadRequest(String field, String message) {

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
