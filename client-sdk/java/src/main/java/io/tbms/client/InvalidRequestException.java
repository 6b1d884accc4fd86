package io.tbms.client;

/**
 * The broker refused the query as malformed: {@code INVALID_ARGUMENT}, with {@link #field()}
 * naming the field at fault (an unknown model is {@code models[i].name}); or
 * {@code RESOURCE_EXHAUSTED} without a retry pushback, a request message over the broker's size
 * limit (1 MiB by default). Sending the same query again cannot succeed.
 */
public class InvalidRequestException extends TbmsException {

  public InvalidRequestException(String status, String message, String field) {
    super(status, message, field, null);
  }

  /** True when the request was refused for its size rather than a field's value. */
  public boolean tooLarge() {
    return "RESOURCE_EXHAUSTED".equals(status());
  }
}
