package io.tbms.dist;

import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ModelRegistry;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.internal.HazelcastModelRegistry;
import io.tbms.report.tuning.TuningChange;
import io.tbms.report.tuning.TuningLog;
import io.tbms.tuner.apply.BatchingPlan;
import io.tbms.tuner.apply.TritonBatching;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a {@link BatchingPlan} live, without restarting anything: the batch size and queue
 * delay go into the cluster's model registry, which every broker's cross-request batcher reads
 * at each decision; the model's servers get the same settings through Triton's repository load
 * call with a config override; the change is logged for the report. Blocks; one caller at a time.
 */
final class BatchingApplier implements AutoCloseable {

  /** What became of one server of the model. */
  record ServerResult(String server, Optional<String> error) {}

  /** What the apply did: the batch size before, and each server's result. */
  record Result(int previousBatchSize, List<ServerResult> servers) {
    boolean allServersApplied() {
      return servers.stream().allMatch(s -> s.error().isEmpty());
    }
  }

  private final HazelcastInstance cluster;
  private final int minMembers;
  private final ModelRegistry registry;
  private final TuningLog log;
  private final ModelServerLoad load = new ModelServerLoad();

  /**
   * @param minMembers the split-brain protection: apply nothing while the cluster has fewer members ({@link Quorum})
   */
  BatchingApplier(HazelcastInstance cluster, int minMembers) {
    this.cluster = cluster;
    this.minMembers = minMembers;
    this.registry = new HazelcastModelRegistry(cluster);
    this.log = new TuningLog(cluster);
  }

  /** The model as the cluster's registry has it now. */
  Optional<ModelConfig> model(String name) {
    return registry.model(name);
  }

  /**
   * @param source {@code "apply"} or {@code "watch"}, for the log
   * @throws IllegalArgumentException when the registry has no such model
   * @throws Quorum.MissingException when the cluster has fewer members than the protection asks
   */
  Result apply(BatchingPlan plan, String source, long nowWallMillis) {
    ModelConfig before = registry.model(plan.model())
        .orElseThrow(() -> new IllegalArgumentException("the cluster's registry has no model '" + plan.model()
            + "' (it has " + registry.models().keySet() + ")"));
    Quorum.require(cluster, minMembers);
    registry.setBatching(plan.model(), plan.batchSize(), Duration.ofNanos(Math.round(plan.maxQueueDelayMillis() * 1e6)));
    List<ServerResult> servers = new ArrayList<>();
    for (ReplicaConfig replica : distinctServers(before)) {
      String server = replica.transport().name().toLowerCase(Locale.ROOT) + "://" + replica.address();
      try {
        load.load(replica, plan.model(), TritonBatching.overrideJson(plan));
        servers.add(new ServerResult(server, Optional.empty()));
      } catch (Exception e) {
        servers.add(new ServerResult(server, Optional.of(Errors.rootMessage(e))));
      }
    }
    log.publish(new TuningChange(nowWallMillis, plan.model(), source, before.batchSize(), plan.batchSize(),
        plan.maxQueueDelayMillis(), plan.qps(), plan.lagTargetMillis(), plan.explanation()));
    return new Result(before.batchSize(), servers);
  }

  /** One replica per server address (several devices behind one server share its load call). */
  private static List<ReplicaConfig> distinctServers(ModelConfig model) {
    Map<String, ReplicaConfig> servers = new LinkedHashMap<>();
    for (ReplicaConfig replica : model.replicas()) {
      servers.putIfAbsent(replica.transport() + "/" + replica.address(), replica);
    }
    return List.copyOf(servers.values());
  }

  @Override
  public void close() {
    load.close();
  }
}
