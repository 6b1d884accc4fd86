package io.tbms.dist;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelConfigRequest;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.transport.GrpcClients;
import io.tbms.tuner.profile.BatchStat;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Active profiling: drives a live KServe v2 model at one batch size with a short, fixed number of
 * requests, one at a time, each carrying that many texts, so the server runs batches of exactly
 * that size. The times are not measured here: the server's own {@code batch_stats} record them
 * ({@link BatchStatistics}), apart from any other traffic's batches of other sizes.
 */
final class BatchProbe implements AutoCloseable {

  private static final long TIMEOUT_MS = 30_000;

  private final Vertx vertx = Vertx.vertx();
  private final GrpcClient client = GrpcClients.create(vertx, new GrpcClientOptions());
  private final GRPCInferenceServiceGrpcClient server;
  private final String model;

  BatchProbe(String host, int port, String model) {
    this.server = GRPCInferenceServiceGrpcClient.create(client, SocketAddress.inetSocketAddress(port, host));
    this.model = model;
  }

  /** The model's batch statistics now. */
  List<BatchStat> batchStats() throws Exception {
    return BatchStatistics.read(server, model);
  }

  /** The model's {@code max_batch_size} as its server declares it. */
  int maxBatchSize() throws Exception {
    return server.modelConfig(ModelConfigRequest.newBuilder().setName(model).build())
        .toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .getConfig().getMaxBatchSize();
  }

  /**
   * Sends {@code requests} requests of {@code batchSize} texts each, one after the other, texts
   * taken in turn from {@code texts}; {@code progress} hears each request done.
   */
  void run(int batchSize, int requests, List<String> texts, IntConsumer progress) throws Exception {
    int next = 0;
    for (int r = 0; r < requests; r++) {
      InferTensorContents.Builder contents = InferTensorContents.newBuilder();
      for (int i = 0; i < batchSize; i++) {
        contents.addBytesContents(ByteString.copyFromUtf8(texts.get(next++ % texts.size())));
      }
      ModelInferRequest request = ModelInferRequest.newBuilder()
          .setModelName(model)
          .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
              .setName("TEXT").setDatatype("BYTES").addShape(batchSize).addShape(1).setContents(contents))
          .build();
      server.modelInfer(request).toCompletionStage().toCompletableFuture().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      progress.accept(r + 1);
    }
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
