package io.tbms.broker.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.tbms.broker.config.ClusterConfig;

/**
 * Starts the broker's embedded Hazelcast member: TCP/IP join on the configured members only,
 * multicast and every other discovery off, bound to the configured interface (loopback by
 * default), phone-home off, the configured heartbeat timeout. Blocks while the member starts:
 * call it off the event loop.
 */
public final class ClusterMember {

  private ClusterMember() {}

  public static HazelcastInstance start(ClusterConfig cluster) {
    return Hazelcast.newHazelcastInstance(config(cluster));
  }

  static Config config(ClusterConfig cluster) {
    Config config = new Config();
    config.setClusterName(cluster.name());
    config.setInstanceName("tbms-" + cluster.name() + "-" + Long.toHexString(System.nanoTime()));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // a lone member starts at once; members that start apart still find each other by merging
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    // a member that stops answering (a hung process, a cut link) is dropped after this long
    config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(cluster.heartbeatTimeoutSeconds()));
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(true).setPortCount(100);
    network.getInterfaces().setEnabled(true).addInterface(cluster.host());
    network.getRestApiConfig().setEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    config.getJetConfig().setEnabled(false);
    return config;
  }
}
