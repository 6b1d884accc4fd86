package io.tbms.dist;

import io.tbms.broker.BrokerServer;
import io.tbms.broker.config.BrokerConfig;
import io.tbms.zoo.cli.DataOptions;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.DatasetException;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tbms demo}: the reference model server and a broker in one process, on loopback. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole stack on loopback: the reference model server (KServe v2 on 8000/8001/8002, four",
      "real models trained on CLINC150 or loaded from the cache) and a broker on 8080 with the demo",
      "credentials, plus light background traffic of CLINC150 test utterances so the metrics show life."
    })
public final class DemoCommand implements Callable<Integer> {

  static final String HOST = "127.0.0.1";

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--port", description = "The broker's port, gRPC and HTTP (default: ${DEFAULT-VALUE}).")
  int port = BrokerConfig.DEFAULT_PORT;

  @Option(names = "--zoo-ports", split = ",", paramLabel = "HTTP,GRPC,METRICS",
      description = "The model server's ports (default: 8000,8001,8002).")
  int[] zooPorts = {ZooConfig.DEFAULT_HTTP_PORT, ZooConfig.DEFAULT_GRPC_PORT, ZooConfig.DEFAULT_METRICS_PORT};

  @Option(names = "--traffic", paramLabel = "QPS",
      description = "Background queries per second, Poisson arrivals; 0 turns it off (default: ${DEFAULT-VALUE}).")
  double traffic = 20;

  @Option(names = "--burst", paramLabel = "QPS",
      description = "Queries per second of the periodic bursts (task \"bursty\"), on top of the background; "
          + "0 turns them off (default: ${DEFAULT-VALUE}).")
  double burst = 100;

  @Option(names = "--burst-every", paramLabel = "SECONDS", description = "Time from one burst's start to the next (default: ${DEFAULT-VALUE}).")
  long burstEvery = 30;

  @Option(names = "--burst-for", paramLabel = "SECONDS", description = "How long each burst lasts (default: ${DEFAULT-VALUE}).")
  long burstFor = 3;

  @Override
  public Integer call() throws Exception {
    Logs.quietLibraries();
    if (zooPorts.length != 3) {
      System.err.println("demo: --zoo-ports takes three ports: HTTP,GRPC,METRICS");
      return 2;
    }
    if (traffic < 0 || burst < 0) {
      System.err.println("demo: --traffic and --burst must be >= 0, were " + traffic + " and " + burst);
      return 2;
    }
    if (burstFor < 1 || burstEvery <= burstFor) {
      System.err.println("demo: --burst-for must be >= 1 and --burst-every longer than it, were " + burstFor + " and " + burstEvery);
      return 2;
    }
    for (int p : new int[] {port, zooPorts[0], zooPorts[1], zooPorts[2]}) {
      String busy = busy(p);
      if (busy != null) {
        System.err.println("demo: port " + p + " on " + HOST + " is in use (" + busy + "); stop whatever holds it "
            + "(another tbms demo?) or choose other ports with --port / --zoo-ports");
        return 1;
      }
    }
    Dataset dataset;
    try {
      dataset = data.load();
    } catch (DatasetException | IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage());
      return 2;
    }
    Map<String, TextModel> models = data.trainOrLoad(dataset, line -> System.err.println("demo: " + line));
    DemoTraffic.Plan plan = new DemoTraffic.Plan(traffic, burst, Duration.ofSeconds(burstEvery), Duration.ofSeconds(burstFor));
    Demo demo;
    try {
      demo = Demo.start(new Demo.Options(port, zooPorts, plan, UnaryOperator.identity()), dataset, models);
    } catch (ExecutionException e) {
      System.err.println("demo: cannot start: " + e.getCause().getMessage());
      return 1;
    }
    printBanner(demo.zoo, demo.broker);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        demo.close();
      } catch (Exception e) {
        System.err.println("demo: stop: " + e.getMessage());
      }
      stopped.countDown();
    }, "tbms-demo-shutdown"));
    stopped.await();
    return 0;
  }

  private void printBanner(ModelServer zoo, BrokerServer broker) {
    String b = "http://" + HOST + ":" + broker.port();
    System.out.println();
    System.out.println("TBMS demo is up (loopback only)");
    System.out.println("  broker           " + b + "  (gRPC tbms.v1.TimeBroker and HTTP on one port)");
    System.out.println("    query          POST " + b + "/v1/try   POST " + b + "/v1/mix-try");
    System.out.println("    operations     " + b + "/metrics  " + b + "/api/models  " + b + "/healthz  " + b + "/readyz");
    System.out.println("    report         " + b + "/dashboard  " + b + "/api/report  " + b + "/api/resources");
    System.out.println("  model server     http://" + HOST + ":" + zoo.httpPort() + "/v2  (KServe v2 REST), gRPC "
        + HOST + ":" + zoo.grpcPort() + ", metrics http://" + HOST + ":" + zoo.metricsPort() + "/metrics");
    System.out.println("  credentials      instance demo, access id demo, access key demo-secret-key (public, demo only)");
    System.out.println("  background       " + (traffic > 0 ? traffic + " queries/s of CLINC150 test utterances (--traffic 0: off)" : "off"));
    System.out.println("  bursts           " + (burst > 0 ? burst + " queries/s for " + burstFor + " s every " + burstEvery
        + " s, task \"bursty\" (--burst 0: off)" : "off"));
    System.out.println("  try it           ./tbms try --budget 50 --models embedding:35,svm:25,bayes:15,keyword:5 \"set an alarm for 7 am\"");
    System.out.println("Ctrl-C to stop.");
  }

  /** Why the port cannot be bound now, or null when it is free. */
  static String busy(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getByName(HOST), port));
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
