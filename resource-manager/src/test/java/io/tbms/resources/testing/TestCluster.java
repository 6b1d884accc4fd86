package io.tbms.resources.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * Hazelcast members on loopback for tests: TCP/IP join on 127.0.0.1 only, multicast and other
 * discovery off, phone-home off; a cluster name of its own so no other test's members join.
 */
public final class TestCluster {

  private TestCluster() {}

  public static String uniqueName() {
    return "tbms-rm-test-" + java.util.UUID.randomUUID();
  }

  /** Starts a member of cluster {@code name}; blocks until it has joined. */
  public static HazelcastInstance member(String name) {
    Config config = new Config();
    config.setClusterName(name);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(5901).setPortAutoIncrement(true).setPortCount(100);
    network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    network.getRestApiConfig().setEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1"));
    config.getJetConfig().setEnabled(false);
    return Hazelcast.newHazelcastInstance(config);
  }
}
