package io.tbms.broker.testing;

import io.tbms.broker.BrokerServer;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ClusterConfig;
import io.tbms.common.time.Clock;
import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.model.ModelFactory;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The real stack on loopback for end-to-end tests: the reference model server (four models
 * trained on CLINC150 once per JVM, through the shared cache) and a broker with the demo config
 * pointed at it, on free ports.
 */
public final class Stack implements AutoCloseable {

  private static Map<String, TextModel> models;
  private static Dataset dataset;

  public final Vertx vertx;
  private final Vertx zooVertx;
  public final ModelServer zoo;
  public final BrokerServer broker;

  private Stack(Vertx vertx, Vertx zooVertx, ModelServer zoo, BrokerServer broker) {
    this.vertx = vertx;
    this.zooVertx = zooVertx;
    this.zoo = zoo;
    this.broker = broker;
  }

  public static synchronized Dataset clinc150() {
    if (dataset == null) {
      dataset = Clinc150Loader.loadDefault();
    }
    return dataset;
  }

  public static synchronized Map<String, TextModel> models() {
    if (models == null) {
      models = ModelFactory.trainOrLoad(clinc150(), ModelFactory.DEFAULT_CACHE_DIR, ModelFactory.NAMES, System.err::println);
    }
    return models;
  }

  /** A cluster of its own per test class, so parallel or leftover members never join it. */
  public static ClusterConfig isolatedCluster() {
    return new ClusterConfig("tbms-test-" + Long.toHexString(System.nanoTime()), "127.0.0.1", 5801, List.of("127.0.0.1"));
  }

  public static Stack start() throws Exception {
    return start(ZooConfig.ofDefaults().withPorts(0, 0, 0));
  }

  public static Stack start(ZooConfig zooConfig) throws Exception {
    return start(zooConfig, config -> config);
  }

  /**
   * A stack whose broker has finished its own warm-up, then had a few queries through it.
   *
   * @param customize changes the demo broker config (pointed at the model server) before start
   */
  public static Stack start(ZooConfig zooConfig, UnaryOperator<BrokerConfig> customize) throws Exception {
    Stack stack = startCold(zooConfig, customize);
    try {
      await(stack.broker.warmedUp());
      warmUp(stack.broker.port());
    } catch (Exception e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  /**
   * A stack returned as soon as the broker listens: its warm-up may still be running, and no query
   * has gone through it.
   *
   * @param customize changes the demo broker config (pointed at the model server) before start
   */
  public static Stack startCold(ZooConfig zooConfig, UnaryOperator<BrokerConfig> customize) throws Exception {
    // the model server gets event loops of its own, as it would in a process of its own
    Vertx zooVertx = Vertx.vertx();
    ModelServer zoo = await(ModelServer.start(zooVertx, zooConfig, models(), Clock.system()));
    Vertx vertx = Vertx.vertx();
    BrokerConfig config = customize.apply(
        BrokerConfig.demo("127.0.0.1", zoo.grpcPort(), zoo.metricsPort()).withPort(0).withCluster(isolatedCluster()));
    BrokerServer broker;
    try {
      broker = await(BrokerServer.start(vertx, config, Clock.system()));
    } catch (Exception e) {
      await(zoo.stop());
      await(vertx.close());
      await(zooVertx.close());
      throw e;
    }
    return new Stack(vertx, zooVertx, zoo, broker);
  }

  /**
   * A few unhurried queries to each reference model through the broker: opens the connections
   * and warms the code paths, so tests see a running broker rather than a cold JVM.
   */
  private static void warmUp(int port) throws Exception {
    SignedHttp http = new SignedHttp(port);
    for (int round = 0; round < 3; round++) {
      for (String model : List.of("embedding", "svm", "bayes", "keyword")) {
        http.post("/v1/try", "{\"task\":\"warm-up\",\"query\":{\"text\":\"wake up\"},\"budget_ms\":10000,"
            + "\"models\":[{\"name\":\"" + model + "\"}]}");
      }
    }
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(broker.stop());
    await(zoo.stop());
    await(vertx.close());
    await(zooVertx.close());
  }
}
