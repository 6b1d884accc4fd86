package io.tbms.broker.front;

import io.vertx.grpc.common.GrpcStatus;

/**
 * Why the front refuses a request, mapped at the edge to one HTTP status and one gRPC status.
 * A query that merely ran out of time is never refused: it is answered {@code EMPTY}.
 */
public enum Refusal {
  /** Bad input; the message names the field. */
  INVALID_ARGUMENT(400, GrpcStatus.INVALID_ARGUMENT),
  /** Unsigned, unknown access id, bad signature or stale timestamp. */
  UNAUTHENTICATED(401, GrpcStatus.UNAUTHENTICATED),
  /** A model the caller's instance may not use. */
  PERMISSION_DENIED(403, GrpcStatus.PERMISSION_DENIED),
  /** The body or message is over the size limit. */
  TOO_LARGE(413, GrpcStatus.RESOURCE_EXHAUSTED),
  /** Overloaded: not even the chain's cheapest entry can be tried now. */
  OVERLOADED(429, GrpcStatus.RESOURCE_EXHAUSTED),
  /** The caller's instance is over its {@code max_queries_per_s} on this broker. */
  RATE_LIMITED(429, GrpcStatus.RESOURCE_EXHAUSTED),
  /** A fault of the broker itself. */
  INTERNAL(500, GrpcStatus.INTERNAL);

  /**
   * How long an overloaded caller should wait before retrying, in seconds: HTTP's
   * {@code Retry-After}; over gRPC, {@code grpc-retry-pushback-ms} in milliseconds, which also
   * tells an overload apart from an oversized message (both {@code RESOURCE_EXHAUSTED}).
   */
  public static final int RETRY_AFTER_SECONDS = 1;
  /** The gRPC trailer that carries {@link #RETRY_AFTER_SECONDS}, as gRPC's retry design names it. */
  public static final String GRPC_RETRY_PUSHBACK = "grpc-retry-pushback-ms";

  private final int httpStatus;
  private final GrpcStatus grpcStatus;

  Refusal(int httpStatus, GrpcStatus grpcStatus) {
    this.httpStatus = httpStatus;
    this.grpcStatus = grpcStatus;
  }

  /** Whether the caller should retry after {@link #RETRY_AFTER_SECONDS}: overload and rate limits. */
  public boolean retryLater() {
    return this == OVERLOADED || this == RATE_LIMITED;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public GrpcStatus grpcStatus() {
    return grpcStatus;
  }
}
