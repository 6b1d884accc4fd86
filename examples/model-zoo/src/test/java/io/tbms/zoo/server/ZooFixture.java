package io.tbms.zoo.server;

import io.tbms.common.time.Clock;
import io.tbms.zoo.testing.TrainedModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts the model server with the real trained models on free loopback ports. */
final class ZooFixture {

  /** Typical CLINC150 test-split utterances that every model labels right, and their labels. */
  static final List<String> TEXTS = List.of(
      "set a 4 minute timer",
      "tell me the current balance of my bank accounts",
      "i would like to know my credit score",
      "set an alarm for 6 am tomorrow");
  static final List<String> LABELS = List.of("timer", "balance", "credit_score", "alarm");

  private ZooFixture() {}

  static ModelServer startServer(Vertx vertx) throws Exception {
    return await(ModelServer.start(vertx, ZooConfig.ofDefaults().withPorts(0, 0, 0), TrainedModels.all(), Clock.system()));
  }

  /** Waits for a future from a test thread (never an event loop), at most 60 s. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
