package io.tbms.broker.lag.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import io.tbms.broker.lag.LagStats;
import io.tbms.broker.lag.LocalLagStats;
import io.tbms.common.time.Clock;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Lag statistics shared by the brokers of a cluster. Each broker keeps exact windows of its own
 * calls and, on {@link #publish}, puts its quantile per model into a Hazelcast {@link
 * ReplicatedMap} ({@value #MAP}, key {@code model@member}, with a time-to-live of one window).
 * A model's lag is the largest of this broker's quantile and the peers' fresh ones: quantiles
 * cannot be merged exactly, and the largest is the safe side for a downgrade decision. The
 * peers' view is refreshed on each {@link #publish}, so reads on the hot path stay local.
 */
public final class SharedLagStats implements LagStats {

  public static final String MAP = "tbms.lag";

  private final LocalLagStats local;
  private final ReplicatedMap<String, Long> shared;
  private final String member;
  private final Clock clock;
  private volatile Map<String, Long> peers = Map.of();

  public SharedLagStats(LocalLagStats local, HazelcastInstance hazelcast, Clock clock) {
    this.local = local;
    this.shared = hazelcast.getReplicatedMap(MAP);
    this.member = hazelcast.getCluster().getLocalMember().getUuid().toString();
    this.clock = clock;
  }

  @Override
  public void record(String model, long lagNanos, long nowNanos, boolean answered) {
    local.record(model, lagNanos, nowNanos, answered);
  }

  /** This broker's own calls: the peers share only their quantiles. */
  @Override
  public OptionalDouble chance(String model, long withinNanos, long nowNanos) {
    return local.chance(model, withinNanos, nowNanos);
  }

  @Override
  public OptionalLong lag(String model, long nowNanos) {
    long best = Math.max(local.lag(model, nowNanos).orElse(-1), peers.getOrDefault(model, -1L));
    return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
  }

  @Override
  public Map<String, Long> snapshot(long nowNanos) {
    Map<String, Long> all = new TreeMap<>(local.snapshot(nowNanos));
    peers.forEach((model, lag) -> all.merge(model, lag, Math::max));
    return all;
  }

  /**
   * Puts this broker's current quantiles into the cluster and reads the peers' ones; the adapter
   * calls it periodically.
   */
  public void publish() {
    long now = clock.nanoTime();
    long ttlMillis = local.window().toMillis();
    local.snapshot(now).forEach((model, lag) -> shared.put(model + "@" + member, lag, ttlMillis, TimeUnit.MILLISECONDS));
    Map<String, Long> fresh = new TreeMap<>();
    String own = "@" + member;
    shared.forEach((key, lag) -> {
      if (!key.endsWith(own)) {
        fresh.merge(key.substring(0, key.lastIndexOf('@')), lag, Math::max);
      }
    });
    peers = fresh;
  }
}
