package io.tbms.broker.backend;

import io.tbms.broker.backend.internal.GrpcReplicaClient;
import io.tbms.broker.backend.internal.RestReplicaClient;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Speaks KServe v2 {@code ModelInfer} to one replica (one {@code host:port}), with no breaker,
 * bulkhead or retry: {@link GuardedReplica} adds those. The client owns its connections until
 * {@link #close()}.
 *
 * <p>Thread-safe: {@link #infer} may be called from any thread; results complete on a Vert.x
 * event loop of the client's {@code Vertx}.
 */
public interface ReplicaClient {

  /**
   * Sends one {@code ModelInfer}. Never throws: every failure, including a request that cannot be
   * encoded, fails the call's result with a {@link BackendException} ({@code TRANSPORT} for
   * connection problems, {@code BACKEND_ERROR} for an error status, {@code BAD_RESPONSE} for an
   * answer without the configured outputs or with the wrong number of elements, {@code CANCELLED}
   * after {@link BackendCall#cancel}).
   *
   * @param model the model name as the replica serves it
   * @param version the model version, empty for the replica's choice
   */
  BackendCall infer(String model, String version, InferInput input);

  /** The replica this client talks to. */
  ReplicaConfig replica();

  /** Closes the connections; calls still in flight fail with {@code TRANSPORT}. */
  Future<Void> close();

  /**
   * A client for {@code replica} over its transport: gRPC ({@code inference.GRPCInferenceService})
   * or HTTP/REST ({@code POST /v2/models/{name}/infer}).
   *
   * @param outputs which output tensors hold the answer
   * @param maxConnections the most HTTP/1.1 connections a REST client opens (gRPC multiplexes
   *     calls over one HTTP/2 connection)
   * @param clock the clock of the calls' deadlines ({@link Urgency#deadlineNanos()})
   */
  static ReplicaClient create(Vertx vertx, ReplicaConfig replica, AnswerOutputs outputs, int maxConnections, Clock clock) {
    return switch (replica.transport()) {
      case GRPC -> new GrpcReplicaClient(vertx, replica, outputs, clock);
      case REST -> new RestReplicaClient(vertx, replica, outputs, maxConnections, clock);
    };
  }

  /** Like {@link #create(Vertx, ReplicaConfig, AnswerOutputs, int, Clock)} on the system clock. */
  static ReplicaClient create(Vertx vertx, ReplicaConfig replica, AnswerOutputs outputs, int maxConnections) {
    return create(vertx, replica, outputs, maxConnections, Clock.system());
  }
}
