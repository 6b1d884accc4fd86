package io.tbms.broker.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How the broker's embedded Hazelcast member joins its cluster: TCP/IP join only (multicast
 * off), on loopback by default, phone-home off. Several brokers given the same name and
 * members form one cluster and share the registry, live config and lag statistics.
 *
 * @param name the cluster name; members with another name never join
 * @param host the interface the member binds, {@code 127.0.0.1} by default
 * @param port the first port to try (Hazelcast auto-increments when it is taken), 5701 by default
 * @param members the {@code host[:port]} addresses to join over TCP/IP
 * @param stateFile where the cluster's live model config is kept across a restart of every broker,
 *     or {@code null} to keep it in memory only
 * @param minMembers split-brain protection: the tuner ({@code tune apply}, {@code watch}, {@code
 *     profile --store}) changes the live batch config, its log and stored profiles only while the
 *     cluster it reaches has at least this many members; 1 (the default) turns the protection off
 * @param heartbeatTimeoutSeconds how long a member that stops answering heartbeats stays in the
 *     cluster before the others drop it ({@code hazelcast.max.no.heartbeat.seconds})
 */
public record ClusterConfig(String name, String host, int port, List<String> members, Path stateFile, int minMembers,
    int heartbeatTimeoutSeconds) {

  public static final String DEFAULT_NAME = "tbms";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_MIN_MEMBERS = 1;
  public static final int DEFAULT_HEARTBEAT_TIMEOUT_SECONDS = 60;

  public ClusterConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    members = List.copyOf(members);
    if (name.isBlank()) {
      throw new IllegalArgumentException("cluster.name must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster.port must be in 1..65535, was " + port);
    }
    if (minMembers < 1) {
      throw new IllegalArgumentException("cluster.min_members must be >= 1, was " + minMembers);
    }
    if (heartbeatTimeoutSeconds < 1) {
      throw new IllegalArgumentException("cluster.heartbeat_timeout_s must be >= 1, was " + heartbeatTimeoutSeconds);
    }
  }

  /** Without a state file, split-brain protection off, the default heartbeat timeout. */
  public ClusterConfig(String name, String host, int port, List<String> members) {
    this(name, host, port, members, null, DEFAULT_MIN_MEMBERS, DEFAULT_HEARTBEAT_TIMEOUT_SECONDS);
  }

  public ClusterConfig withStateFile(Path file) {
    return new ClusterConfig(name, host, port, members, file, minMembers, heartbeatTimeoutSeconds);
  }

  public static ClusterConfig ofDefaults() {
    return new ClusterConfig(DEFAULT_NAME, DEFAULT_HOST, DEFAULT_PORT, List.of(DEFAULT_HOST));
  }
}
