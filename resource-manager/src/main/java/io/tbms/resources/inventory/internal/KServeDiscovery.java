package io.tbms.resources.inventory.internal;

import io.tbms.protocol.kserve.GRPCInferenceServiceClient;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.ModelConfigRequest;
import io.tbms.protocol.kserve.ModelInstanceGroup;
import io.tbms.protocol.kserve.RepositoryIndexRequest;
import io.tbms.protocol.kserve.RepositoryIndexResponse;
import io.tbms.resources.Target;
import io.tbms.resources.inventory.InstanceGroup;
import io.tbms.protocol.transport.GrpcClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks a backend for its ready models ({@code RepositoryIndex}) and each one's instance groups
 * ({@code ModelConfig}). Non-blocking; one gRPC client for all backends, closed by {@link #close}.
 */
public final class KServeDiscovery {

  private final GrpcClient client;
  private final Duration timeout;

  public KServeDiscovery(Vertx vertx, Duration timeout) {
    this.client = GrpcClients.create(vertx, new GrpcClientOptions());
    this.timeout = timeout;
  }

  /** Model name to its instance groups; fails when the backend does not answer in time. */
  public Future<Map<String, List<InstanceGroup>>> models(Target target) {
    GRPCInferenceServiceClient stub =
        GRPCInferenceServiceGrpcClient.create(client, SocketAddress.inetSocketAddress(target.port(), target.host()));
    return stub.repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true).build())
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .compose(index -> {
          List<String> names = new ArrayList<>();
          for (RepositoryIndexResponse.ModelIndex model : index.getModelsList()) {
            boolean ready = model.getState().isEmpty() || model.getState().equals("READY");
            if (ready && !names.contains(model.getName())) {
              names.add(model.getName());
            }
          }
          List<Future<List<InstanceGroup>>> configs = new ArrayList<>();
          for (String name : names) {
            configs.add(stub.modelConfig(ModelConfigRequest.newBuilder().setName(name).build())
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .map(response -> groups(response.getConfig().getInstanceGroupList())));
          }
          return Future.all(configs).map(all -> {
            Map<String, List<InstanceGroup>> models = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
              models.put(names.get(i), configs.get(i).result());
            }
            return models;
          });
        });
  }

  static List<InstanceGroup> groups(List<ModelInstanceGroup> groups) {
    List<InstanceGroup> out = new ArrayList<>();
    for (ModelInstanceGroup group : groups) {
      InstanceGroup.Kind kind = switch (group.getKind()) {
        case KIND_GPU -> InstanceGroup.Kind.GPU;
        case KIND_AUTO -> InstanceGroup.Kind.AUTO;
        default -> InstanceGroup.Kind.CPU;
      };
      out.add(new InstanceGroup(kind, group.getGpusList(), group.getCount()));
    }
    if (out.isEmpty()) {
      // Triton's default for a model without instance groups: one instance on each GPU, or the CPU
      out.add(new InstanceGroup(InstanceGroup.Kind.AUTO, List.of(), 1));
    }
    return out;
  }

  public Future<Void> close() {
    return client.close();
  }
}
