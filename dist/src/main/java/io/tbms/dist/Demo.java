package io.tbms.dist;

import io.tbms.broker.BrokerServer;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.common.time.Clock;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The demo stack in one process: the reference model server, a broker in front of it, and the
 * demo traffic (a steady background plus periodic bursts). {@code tbms demo} runs one; tests start
 * one on free ports. {@link #close} takes it down.
 */
final class Demo implements AutoCloseable {

  static final String HOST = "127.0.0.1";

  /**
   * @param brokerPort 0 for any free port
   * @param zooPorts HTTP, gRPC, metrics; 0 for any free port
   * @param customize changes to the broker's demo configuration (tests: an isolated cluster)
   */
  record Options(int brokerPort, int[] zooPorts, DemoTraffic.Plan traffic, UnaryOperator<BrokerConfig> customize) {}

  final ModelServer zoo;
  final BrokerServer broker;
  final DemoTraffic traffic;
  private final Vertx zooVertx;
  private final Vertx vertx;
  private final Vertx trafficVertx;

  private Demo(ModelServer zoo, BrokerServer broker, DemoTraffic traffic, Vertx zooVertx, Vertx vertx, Vertx trafficVertx) {
    this.zoo = zoo;
    this.broker = broker;
    this.traffic = traffic;
    this.zooVertx = zooVertx;
    this.vertx = vertx;
    this.trafficVertx = trafficVertx;
  }

  /** Starts the model server, then the broker, waits for its warm-up, then starts the traffic. */
  static Demo start(Options options, Dataset dataset, Map<String, TextModel> models) throws Exception {
    Vertx zooVertx = Vertx.vertx();
    Vertx vertx = Vertx.vertx();
    ZooConfig zooConfig = ZooConfig.ofDefaults().withPorts(options.zooPorts()[0], options.zooPorts()[1], options.zooPorts()[2]);
    ModelServer zoo = null;
    try {
      zoo = ModelServer.start(zooVertx, zooConfig, models, Clock.system()).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      BrokerServer broker = BrokerServer.start(vertx,
          options.customize().apply(BrokerConfig.demo(HOST, zoo.grpcPort(), zoo.metricsPort()).withPort(options.brokerPort())), Clock.system()).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
      // the traffic starts once the broker is warm: its first queries find connections open
      broker.warmedUp().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      List<String> texts = dataset.test().stream().map(LabeledText::text).toList();
      Vertx trafficVertx = Vertx.vertx();
      DemoTraffic traffic = new DemoTraffic(trafficVertx, HOST, broker.port(), texts, options.traffic());
      traffic.start();
      return new Demo(zoo, broker, traffic, zooVertx, vertx, trafficVertx);
    } catch (ExecutionException e) {
      if (zoo != null) {
        zoo.close();
      }
      vertx.close();
      zooVertx.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    traffic.stop();
    try {
      broker.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      zoo.close();
      trafficVertx.close();
      vertx.close();
      zooVertx.close();
    }
  }
}
