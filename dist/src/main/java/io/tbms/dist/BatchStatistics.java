package io.tbms.dist;

import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferBatchStatistics;
import io.tbms.protocol.kserve.ModelStatistics;
import io.tbms.protocol.kserve.ModelStatisticsRequest;
import io.tbms.protocol.kserve.ModelStatisticsResponse;
import io.tbms.protocol.transport.GrpcClients;
import io.tbms.tuner.profile.BatchStat;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A model's per-batch-size statistics from its KServe v2 / Triton server ({@code ModelStatistics},
 * {@code batch_stats}: the cumulative {@code compute_infer} count and time per batch size run).
 */
final class BatchStatistics {

  private BatchStatistics() {}

  static List<BatchStat> read(String host, int port, String model) throws Exception {
    Vertx vertx = Vertx.vertx();
    GrpcClient client = GrpcClients.create(vertx, new GrpcClientOptions());
    try {
      return read(GRPCInferenceServiceGrpcClient.create(client, SocketAddress.inetSocketAddress(port, host)), model);
    } finally {
      client.close();
      vertx.close();
    }
  }

  /** Through a client the caller already holds. */
  static List<BatchStat> read(GRPCInferenceServiceGrpcClient server, String model) throws Exception {
    ModelStatisticsResponse response = server.modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<BatchStat> stats = new ArrayList<>();
    for (ModelStatistics statistics : response.getModelStatsList()) {
      for (InferBatchStatistics batch : statistics.getBatchStatsList()) {
        stats.add(new BatchStat((int) batch.getBatchSize(), batch.getComputeInfer().getCount(),
            batch.getComputeInfer().getNs()));
      }
    }
    return stats;
  }
}
