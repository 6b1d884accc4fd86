package io.tbms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import io.tbms.broker.config.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterMemberTest {

  @Test
  void theMemberJoinsOverTcpIpOnlyWithTheConfiguredHeartbeatTimeout() {
    ClusterConfig cluster = new ClusterConfig("c", "127.0.0.1", 5901, List.of("127.0.0.1:5901", "127.0.0.1:5902"),
        null, 2, 15);

    Config config = ClusterMember.config(cluster);

    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("15");
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactly("127.0.0.1:5901", "127.0.0.1:5902");
  }
}
