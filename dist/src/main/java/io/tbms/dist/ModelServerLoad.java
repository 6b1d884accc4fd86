package io.tbms.dist;

import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.ModelRepositoryParameter;
import io.tbms.protocol.kserve.RepositoryModelLoadRequest;
import io.tbms.protocol.transport.GrpcClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Triton's repository load call with a config override ({@code parameters["config"]}), on one
 * replica's server: gRPC {@code RepositoryModelLoad}, or {@code POST
 * /v2/repository/models/{m}/load} for a REST replica. Triton reloads the model with the override;
 * the reference model server applies its batching part live.
 */
final class ModelServerLoad implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final GrpcClient grpc = GrpcClients.create(vertx, new GrpcClientOptions());
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** Loads {@code model} on the replica's server with {@code configJson}; throws with the server's reason. */
  void load(ReplicaConfig replica, String model, String configJson) throws Exception {
    if (replica.transport() == Transport.GRPC) {
      RepositoryModelLoadRequest request = RepositoryModelLoadRequest.newBuilder()
          .setModelName(model)
          .putParameters("config", ModelRepositoryParameter.newBuilder().setStringParam(configJson).build())
          .build();
      GRPCInferenceServiceGrpcClient.create(grpc, SocketAddress.inetSocketAddress(replica.port(), replica.host()))
          .repositoryModelLoad(request)
          .toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    String body = new JsonObject().put("parameters", new JsonObject().put("config", configJson)).encode();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://" + replica.host() + ":" + replica.port() + "/v2/repository/models/" + model + "/load"))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  @Override
  public void close() {
    grpc.close();
    vertx.close();
  }
}
