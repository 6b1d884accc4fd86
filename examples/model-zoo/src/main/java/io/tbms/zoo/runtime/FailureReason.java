package io.tbms.zoo.runtime;

/**
 * Why a request failed, as Triton labels {@code nv_inference_request_failure} with {@code reason}.
 */
public enum FailureReason {
  /**
   * The queue turned it away: full when it arrived, or its timeout expired while it waited
   * (Triton counts both here).
   */
  REJECTED,
  /** Its caller cancelled it: taken off the queue, or its answer dropped after the compute. */
  CANCELED,
  /** The model failed to compute it. */
  BACKEND,
  /** Anything else. */
  OTHER
}
