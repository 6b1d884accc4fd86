package io.tbms.zoo.cli;

import io.tbms.common.time.Clock;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.DatasetException;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tbms models}: the reference model server, or an evaluation of its models. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the four reference models over KServe v2, like Triton (a Triton stand-in).",
      "Trains embedding, svm, bayes and keyword on CLINC150 (or loads them from the cache), then",
      "serves HTTP/REST, gRPC and Prometheus metrics. With --eval: score each model on the test",
      "split instead, and exit."
    })
public final class ModelsCommand implements java.util.concurrent.Callable<Integer> {

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host = ZooConfig.DEFAULT_HOST;

  @Option(names = "--http-port", description = "KServe v2 HTTP/REST port (default: ${DEFAULT-VALUE}).")
  int httpPort = ZooConfig.DEFAULT_HTTP_PORT;

  @Option(names = "--grpc-port", description = "KServe v2 gRPC port (default: ${DEFAULT-VALUE}).")
  int grpcPort = ZooConfig.DEFAULT_GRPC_PORT;

  @Option(names = "--metrics-port", description = "Prometheus metrics port (default: ${DEFAULT-VALUE}).")
  int metricsPort = ZooConfig.DEFAULT_METRICS_PORT;

  @Option(names = "--eval", description = "Evaluate on the test split and exit instead of serving.")
  boolean eval;

  @Option(names = "--json", description = "With --eval: print one JSON object instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintStream log = System.err;
    Dataset dataset;
    try {
      dataset = data.load();
    } catch (DatasetException | IllegalArgumentException e) {
      log.println("models: " + e.getMessage());
      return 2;
    }
    log.println("models: dataset " + dataset);
    long started = System.nanoTime();
    Map<String, TextModel> models = data.trainOrLoad(dataset, log::println);
    log.printf("models: %d models ready in %.1f s%n", models.size(), (System.nanoTime() - started) / 1e9);
    try {
      if (eval) {
        return Evaluation.run(dataset, models, json, System.out);
      }
      return serve(models);
    } finally {
      for (TextModel model : models.values()) {
        model.close();
      }
    }
  }

  private int serve(Map<String, TextModel> models) throws Exception {
    ZooConfig config = new ZooConfig(host, httpPort, grpcPort, metricsPort,
        ZooConfig.DEFAULT_MAX_REQUEST_BYTES, ZooConfig.ofDefaults().devices(), ZooConfig.ofDefaults().models());
    Vertx vertx = Vertx.vertx();
    ModelServer server;
    try {
      server = ModelServer.start(vertx, config, models, Clock.system())
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      vertx.close();
      System.err.println("models: " + e.getCause().getMessage());
      return 1;
    }
    System.out.printf(
        "models: ready — KServe v2 HTTP http://%s:%d  gRPC %s:%d  metrics http://%s:%d/metrics%n",
        host, server.httpPort(), host, server.grpcPort(), host, server.metricsPort());
    System.out.println("models: serving " + models.keySet() + "; Ctrl-C to stop");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      vertx.close();
      stopped.countDown();
    }, "tbms-shutdown"));
    stopped.await();
    return 0;
  }
}
