package io.tbms.dist;

import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ClusterConfig;
import io.tbms.broker.config.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the tuner finds the brokers' cluster: the broker config file's {@code cluster} section,
 * or the options that override it. Shared by {@code tune apply} and {@code tune watch}.
 */
final class ClusterOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "The brokers' config file: its cluster section, and its listen address for the report"
          + " (default: ${DEFAULT-VALUE}).")
  Path config = Path.of("config", "broker.json");

  @Option(names = "--cluster-name", paramLabel = "NAME", description = "The cluster's name (default: the config's).")
  String clusterName;

  @Option(names = "--member", paramLabel = "HOST:PORT",
      description = "A cluster member to connect to; repeat for more (default: the config's members).")
  List<String> members;

  @Option(names = "--min-members", paramLabel = "N",
      description = "Change nothing unless the cluster reached has at least N members (default: the config's"
          + " cluster.min_members, 1 unless set).")
  Integer minMembers;

  int minMembers(ClusterConfig cluster) {
    return minMembers != null ? minMembers : cluster.minMembers();
  }

  /** The broker config, or the built-in demo's when the default file is missing. */
  BrokerConfig brokerConfig() {
    if (!Files.exists(config) && config.equals(Path.of("config", "broker.json"))) {
      return BrokerConfig.demo("127.0.0.1", 8080, 8002);
    }
    return ConfigFile.load(config);
  }

  /** The addresses the client dials: the members given, else the config's, each with a port. */
  static List<String> addresses(ClusterConfig cluster, List<String> members) {
    List<String> addresses = new ArrayList<>();
    for (String member : members != null && !members.isEmpty() ? members : cluster.members()) {
      addresses.add(member.contains(":") ? member : member + ":" + cluster.port());
    }
    return addresses;
  }

  String name(ClusterConfig cluster) {
    return clusterName != null ? clusterName : cluster.name();
  }
}
