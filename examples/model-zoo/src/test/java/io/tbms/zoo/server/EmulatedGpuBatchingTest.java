package io.tbms.zoo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.common.time.Clock;
import io.tbms.zoo.batching.DynamicBatchingConfig;
import io.tbms.zoo.device.BatchTimeProfile;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.repository.InstancePlacement;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.runtime.InferenceStats;
import io.tbms.zoo.runtime.ModelRunner;
import io.tbms.zoo.testing.TrainedModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dynamic batcher and the emulated GPU wired together with real Vert.x timers: concurrent
 * requests share one execution, batches run one at a time, and batch_stats show it.
 */
class EmulatedGpuBatchingTest {

  private Vertx vertx;
  private ModelServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // svm on one emulated GPU: dispatch at 4 items, else after a long delay so batches must fill
    ModelSpec svm = new ModelSpec("svm", "liblinear",
        new DynamicBatchingConfig(8, List.of(4), Duration.ofSeconds(5), 64),
        List.of(new InstancePlacement("gpu0", new BatchTimeProfile(5, 1))));
    ZooConfig config = ZooConfig.ofDefaults().withPorts(0, 0, 0).withModels(List.of(svm));
    server = ModelServer.start(vertx, config, TrainedModels.all(), Clock.system())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void concurrentRequestsShareOneExecutionAtThePreferredSize() throws Exception {
    ModelRunner runner = server.repository().find("svm", "");
    List<Future<List<Prediction>>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(runner.infer(List.of(ZooFixture.TEXTS.get(i % ZooFixture.TEXTS.size()))));
    }
    Future.all(calls).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    for (int i = 0; i < 8; i++) {
      assertThat(calls.get(i).result().get(0).label()).isEqualTo(ZooFixture.LABELS.get(i % ZooFixture.LABELS.size()));
    }
    InferenceStats.Snapshot stats = runner.stats().snapshot();
    assertThat(stats.inferenceCount()).isEqualTo(8);
    assertThat(stats.executionCount()).isEqualTo(2);
    assertThat(stats.batches()).containsOnlyKeys(4);
    // each batch held the device at least T(4) = 5 ms + 4 × 1 ms
    assertThat(stats.batches().get(4).computeInferNanos()).isGreaterThanOrEqualTo(2 * 9_000_000L);
    assertThat(server.metricsText()).containsPattern("nv_gpu_utilization\\{gpu_uuid=\"GPU-[^\"]+\"} 0\\.[0-9]*[1-9]");
  }

  @Test
  void aCallerWhoseAnswerHandlerThrowsDoesNotStallTheDevice() throws Exception {
    // e.g. a gRPC caller that cancelled: writing its answer throws. The batch's other members
    // must still get their answers, and later batches must still run.
    ModelRunner runner = server.repository().find("svm", "");
    List<Future<List<Prediction>>> calls = new ArrayList<>();
    io.vertx.core.Context context = vertx.getOrCreateContext();
    io.vertx.core.Promise<Void> submitted = io.vertx.core.Promise.promise();
    context.runOnContext(v -> { // like the gRPC server: its handlers run on the runner's event loop
      for (int i = 0; i < 8; i++) {
        Future<List<Prediction>> call = runner.infer(List.of(ZooFixture.TEXTS.get(i % ZooFixture.TEXTS.size())));
        if (i == 0) {
          call.onComplete(answer -> {
            throw new IllegalStateException("The stream is failed: CANCELLED");
          });
        }
        calls.add(call);
      }
      submitted.complete();
    });
    submitted.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    calls.remove(0);
    Future.all(calls).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(runner.stats().snapshot().executionCount()).isEqualTo(2);
  }

  @Test
  void aWithdrawnRequestLeavesTheQueueAndIsNeverComputed() throws Exception {
    ModelRunner runner = server.repository().find("svm", "");
    List<Future<List<Prediction>>> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // the preferred size: one batch at once
      kept.add(runner.infer(List.of(ZooFixture.TEXTS.get(i))));
    }
    io.vertx.core.Promise<Void> withdraw = io.vertx.core.Promise.promise();
    // two more wait for a batch to fill (max queue delay 5 s); their callers give up
    Future<List<Prediction>> first = runner.infer(List.of(ZooFixture.TEXTS.get(0)), withdraw.future());
    Future<List<Prediction>> second = runner.infer(List.of(ZooFixture.TEXTS.get(1)), withdraw.future());
    withdraw.complete();
    Throwable failure = first.transform(ar -> Future.succeededFuture(ar.cause()))
        .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(io.tbms.zoo.runtime.InferenceException.class);
    assertThat(((io.tbms.zoo.runtime.InferenceException) failure).reason())
        .isEqualTo(io.tbms.zoo.runtime.InferenceException.Reason.CANCELLED);
    assertThat(second.transform(ar -> Future.succeededFuture(ar.failed()))
        .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS)).isTrue();
    Future.all(kept).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(runner.stats().snapshot().inferenceCount()).isEqualTo(4);
  }
}
