package io.tbms.dist;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/**
 * A Hazelcast client of the brokers' cluster, for the tuner: it reads and writes the shared model
 * registry and the tuning log without becoming a member. Phone-home off; gives up after
 * {@code connectTimeoutMillis} when no member answers. Blocks while it connects.
 */
final class ClusterClient {

  private ClusterClient() {}

  static HazelcastInstance connect(String clusterName, List<String> addresses, long connectTimeoutMillis) {
    ClientConfig config = new ClientConfig();
    config.setClusterName(clusterName);
    config.setInstanceName("tbms-tune-" + Long.toHexString(System.nanoTime()));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "none"); // a command's output is its own; failures come as exceptions
    config.setProperty("hazelcast.client.statistics.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.getNetworkConfig().setAddresses(List.copyOf(addresses)).setSmartRouting(false);
    config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(connectTimeoutMillis);
    return HazelcastClient.newHazelcastClient(config);
  }
}
