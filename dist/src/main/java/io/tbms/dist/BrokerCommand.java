package io.tbms.dist;

import io.tbms.broker.BrokerServer;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.broker.config.ConfigException;
import io.tbms.broker.config.ConfigFile;
import io.tbms.common.time.Clock;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tbms broker --config FILE}: one broker, joining the cluster its config names. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a time broker from a config file (config/broker.json shows every setting).",
      "Serves gRPC tbms.v1.TimeBroker and HTTP/JSON /v1/try on one port, /metrics, /healthz, /readyz,",
      "/api/models; joins (or forms) the Hazelcast cluster of its config to share the registry and lag."
    })
public final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The broker config file (JSON).")
  Path config;

  @Option(names = "--port", paramLabel = "PORT", description = "Override the config's listen port.")
  Integer port;

  @Override
  public Integer call() throws Exception {
    Logs.quietLibraries();
    BrokerConfig broker;
    try {
      broker = ConfigFile.load(config);
    } catch (ConfigException e) {
      System.err.println("broker: " + e.getMessage());
      return 2;
    }
    if (port != null) {
      broker = broker.withPort(port);
    }
    Vertx vertx = Vertx.vertx();
    BrokerServer server;
    try {
      server = BrokerServer.start(vertx, broker, Clock.system()).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      vertx.close();
      System.err.println("broker: cannot start: " + e.getCause().getMessage());
      return 1;
    }
    System.out.printf("broker: listening on %s:%d, warming up its backends (/readyz: 503 until done)%n",
        broker.host(), server.port());
    String host = broker.host();
    server.warmedUp().onComplete(done -> System.out.printf(
        "broker: warm-up over (see /readyz) on %s:%d — POST /v1/try, gRPC tbms.v1.TimeBroker, /metrics, /api/models%n",
        host, server.port()));
    awaitShutdown(server, vertx);
    return 0;
  }

  static void awaitShutdown(BrokerServer server, Vertx vertx) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("broker: stop: " + e.getMessage());
      }
      vertx.close();
      stopped.countDown();
    }, "tbms-broker-shutdown"));
    stopped.await();
  }
}
