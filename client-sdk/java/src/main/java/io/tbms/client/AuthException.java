package io.tbms.client;

/**
 * The broker refused the caller: {@code UNAUTHENTICATED} (unknown access id, bad signature, a
 * timestamp more than 5 minutes off the broker's clock) or {@code PERMISSION_DENIED} (a model the
 * instance may not use, or an instance claim other than the credentials' instance, with
 * {@link #field()} {@code instance}).
 */
public class AuthException extends TbmsException {

  public AuthException(String status, String message, String field) {
    super(status, message, field, null);
  }
}
