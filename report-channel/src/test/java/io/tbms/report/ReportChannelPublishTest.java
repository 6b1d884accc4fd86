package io.tbms.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tbms.common.time.Clock;
import io.tbms.resources.testing.Eventually;
import io.tbms.resources.testing.TestCluster;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The channel shares its counts off the event loop: Hazelcast serializes a report on the thread
 * that puts it, and an event loop that did so every second would hold up the queries it runs.
 */
class ReportChannelPublishTest {

  /** Where each report was serialized: true for an event loop thread. */
  static final Set<Boolean> ON_EVENT_LOOP = ConcurrentHashMap.newKeySet();

  /** Java serialization, as Hazelcast would use for the report, noting the thread it runs on. */
  public static final class RecordingSerializer implements StreamSerializer<BrokerReport> {
    @Override
    public void write(ObjectDataOutput out, BrokerReport report) throws IOException {
      ON_EVENT_LOOP.add(Context.isOnEventLoopThread());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream stream = new ObjectOutputStream(bytes)) {
        stream.writeObject(report);
      }
      out.writeByteArray(bytes.toByteArray());
    }

    @Override
    public BrokerReport read(ObjectDataInput in) throws IOException {
      try (ObjectInputStream stream = new ObjectInputStream(new ByteArrayInputStream(in.readByteArray()))) {
        return (BrokerReport) stream.readObject();
      } catch (ClassNotFoundException e) {
        throw new IOException(e);
      }
    }

    @Override
    public int getTypeId() {
      return 4711;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HazelcastInstance member = member();
  private final ReportChannel channel = ReportChannel.start(vertx, member,
      new ReportConfig(Duration.ofSeconds(10), 60, 6, 3, Duration.ofMillis(20)), Clock.system(),
      () -> new JsonObject().put("devices", new JsonArray()).put("advice", new JsonArray()), JsonObject::new);

  private static HazelcastInstance member() {
    Config config = new Config().setClusterName(TestCluster.uniqueName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(5901).setPortAutoIncrement(true).setPortCount(100);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1"));
    config.getJetConfig().setEnabled(false);
    config.getSerializationConfig().addSerializerConfig(
        new SerializerConfig().setTypeClass(BrokerReport.class).setImplementation(new RecordingSerializer()));
    return Hazelcast.newHazelcastInstance(config);
  }

  @AfterEach
  void stop() throws Exception {
    channel.stop();
    member.shutdown();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void sharesItsCountsOffTheEventLoop() throws Exception {
    channel.accept(new ReportEvent.Answered("demo", "faq", "svm", 0, 3_000_000));
    // the report shows the counts once they went through the cluster map, i.e. were serialized
    Eventually.value(Duration.ofSeconds(20), Eventually.EVERY,
        () -> channel.report().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS),
        report -> report.getInteger("brokers", 0) == 1 && !ON_EVENT_LOOP.isEmpty());
    assertThat(ON_EVENT_LOOP).as("serialized on an event loop").containsOnly(false);
  }
}
