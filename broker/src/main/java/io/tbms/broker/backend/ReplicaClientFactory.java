package io.tbms.broker.backend;

import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.common.time.Clock;
import io.vertx.core.Vertx;

/**
 * Makes the {@link ReplicaClient} for one replica of one model; {@link Backends} calls it when a
 * replica appears in the registry. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ReplicaClientFactory {

  ReplicaClient create(ModelConfig model, ReplicaConfig replica);

  /**
   * KServe v2 clients over each replica's transport, with the model's answer outputs and the
   * configured number of class scores.
   *
   * @param clock the clock of the calls' deadlines: the query engine's
   */
  static ReplicaClientFactory kserve(Vertx vertx, BackendConfig config, Clock clock) {
    return (model, replica) -> ReplicaClient.create(vertx, replica,
        AnswerOutputs.of(model).withClasses(config.classScores()), config.maxConcurrentCallsPerReplica(), clock);
  }
}
