package io.tbms.zoo.server;

import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcService;
import io.tbms.protocol.kserve.GRPCInferenceServiceService;
import io.tbms.protocol.kserve.ModelConfigRequest;
import io.tbms.protocol.kserve.ModelConfigResponse;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelMetadataRequest;
import io.tbms.protocol.kserve.ModelMetadataResponse;
import io.tbms.protocol.kserve.ModelReadyRequest;
import io.tbms.protocol.kserve.ModelReadyResponse;
import io.tbms.protocol.kserve.ModelRepositoryParameter;
import io.tbms.protocol.kserve.ModelStatisticsRequest;
import io.tbms.protocol.kserve.ModelStatisticsResponse;
import io.tbms.protocol.kserve.RepositoryIndexRequest;
import io.tbms.protocol.kserve.RepositoryIndexResponse;
import io.tbms.protocol.kserve.RepositoryModelLoadRequest;
import io.tbms.protocol.kserve.RepositoryModelLoadResponse;
import io.tbms.protocol.kserve.RepositoryModelUnloadRequest;
import io.tbms.protocol.kserve.RepositoryModelUnloadResponse;
import io.tbms.protocol.kserve.ServerLiveRequest;
import io.tbms.protocol.kserve.ServerLiveResponse;
import io.tbms.protocol.kserve.ServerMetadataRequest;
import io.tbms.protocol.kserve.ServerMetadataResponse;
import io.tbms.protocol.kserve.ServerReadyRequest;
import io.tbms.protocol.kserve.ServerReadyResponse;
import io.tbms.zoo.batching.QueueTerms;
import io.tbms.zoo.repository.ModelRepository;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.runtime.InferenceException;
import io.tbms.zoo.runtime.ModelRunner;
import io.tbms.zoo.runtime.TextInferCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;
import io.vertx.grpc.server.StatusException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The KServe v2 gRPC service {@code inference.GRPCInferenceService}, as Triton serves it. Failures
 * map to gRPC status codes: bad input or a malformed load config {@code INVALID_ARGUMENT}, unknown
 * model {@code NOT_FOUND}, not ready, queue full or timeout expired in the queue {@code
 * UNAVAILABLE}, cancelled {@code CANCELLED}.
 *
 * <p>{@code ModelInfer} is served from the call itself rather than the generated stub, so that it
 * sees the call's {@code grpc-timeout} (the request waits in the queue no longer than the shorter
 * of it and the {@code timeout} parameter) and its cancellation: a client that resets the stream
 * takes its request off the queue ({@link ModelRunner#infer(List, int, QueueTerms, Future)}).
 */
final class GrpcInference extends GRPCInferenceServiceService {

  private final ModelRepository repository;
  private final ZooConfig config;

  private GrpcInference(ModelRepository repository, ZooConfig config) {
    this.repository = repository;
    this.config = config;
  }

  static GrpcServer server(Vertx vertx, ModelRepository repository, ZooConfig config) {
    GrpcInference service = new GrpcInference(repository, config);
    List<ServiceMethod<?, ?>> methods = GRPCInferenceServiceGrpcService.all();
    methods.remove(GRPCInferenceServiceGrpcService.ModelInfer);
    return GrpcServer.server(vertx, new GrpcServerOptions().setMaxMessageSize(config.maxRequestBytes()))
        .addService(GRPCInferenceServiceGrpcService.builder(service).bind(methods).build())
        .callHandler(GRPCInferenceServiceGrpcService.ModelInfer, service::modelInfer);
  }

  @Override
  public Future<ServerLiveResponse> serverLive(ServerLiveRequest request) {
    return Future.succeededFuture(ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public Future<ServerReadyResponse> serverReady(ServerReadyRequest request) {
    return Future.succeededFuture(ServerReadyResponse.newBuilder().setReady(repository.allReady()).build());
  }

  @Override
  public Future<ServerMetadataResponse> serverMetadata(ServerMetadataRequest request) {
    return Future.succeededFuture(
        ServerMetadataResponse.newBuilder()
            .setName(ModelServer.NAME)
            .setVersion(ModelServer.VERSION)
            .addAllExtensions(ModelServer.EXTENSIONS)
            .build());
  }

  @Override
  public Future<ModelReadyResponse> modelReady(ModelReadyRequest request) {
    return call(() -> ModelReadyResponse.newBuilder()
        .setReady(repository.find(request.getName(), request.getVersion()).ready())
        .build());
  }

  @Override
  public Future<ModelMetadataResponse> modelMetadata(ModelMetadataRequest request) {
    return call(() -> TritonViews.metadata(repository.find(request.getName(), request.getVersion()).spec()));
  }

  @Override
  public Future<ModelConfigResponse> modelConfig(ModelConfigRequest request) {
    return call(() -> ModelConfigResponse.newBuilder()
        .setConfig(TritonViews.config(repository.find(request.getName(), request.getVersion()).spec(), config.devices()))
        .build());
  }

  @Override
  public Future<ModelStatisticsResponse> modelStatistics(ModelStatisticsRequest request) {
    return call(() -> {
      ModelStatisticsResponse.Builder response = ModelStatisticsResponse.newBuilder();
      if (request.getName().isEmpty()) {
        for (ModelRunner runner : repository.all()) {
          response.addModelStats(TritonViews.statistics(runner.spec(), runner.stats().snapshot()));
        }
      } else {
        ModelRunner runner = repository.find(request.getName(), request.getVersion());
        response.addModelStats(TritonViews.statistics(runner.spec(), runner.stats().snapshot()));
      }
      return response.build();
    });
  }

  @Override
  public Future<RepositoryIndexResponse> repositoryIndex(RepositoryIndexRequest request) {
    RepositoryIndexResponse.Builder response = RepositoryIndexResponse.newBuilder();
    for (ModelRunner runner : repository.all()) {
      if (request.getReady() && !runner.ready()) {
        continue;
      }
      RepositoryIndexResponse.ModelIndex.Builder index = RepositoryIndexResponse.ModelIndex.newBuilder()
          .setName(runner.spec().name())
          .setVersion(ModelSpec.VERSION)
          .setState(runner.ready() ? "READY" : "UNAVAILABLE");
      if (!runner.ready()) {
        index.setReason("unloaded");
      }
      response.addModels(index);
    }
    return Future.succeededFuture(response.build());
  }

  /**
   * Marks the model ready; a {@code "config"} parameter (a {@code string_param} holding the model
   * config as JSON) first changes its dynamic batching, see {@link ConfigOverride}.
   */
  @Override
  public Future<RepositoryModelLoadResponse> repositoryModelLoad(RepositoryModelLoadRequest request) {
    return call(() -> {
      ModelRunner runner = repository.find(request.getModelName(), "");
      String override = null;
      ModelRepositoryParameter parameter = request.getParametersMap().get(ConfigOverride.PARAMETER);
      if (parameter != null) {
        if (parameter.getParameterChoiceCase() != ModelRepositoryParameter.ParameterChoiceCase.STRING_PARAM) {
          throw InferenceException.invalid("parameter '" + ConfigOverride.PARAMETER
              + "' must be a string_param holding the model config as JSON, was "
              + parameter.getParameterChoiceCase().name().toLowerCase(Locale.ROOT));
        }
        override = parameter.getStringParam();
      }
      ConfigOverride.load(runner, override);
      return RepositoryModelLoadResponse.getDefaultInstance();
    });
  }

  @Override
  public Future<RepositoryModelUnloadResponse> repositoryModelUnload(RepositoryModelUnloadRequest request) {
    return call(() -> {
      repository.find(request.getModelName(), "").setReady(false);
      return RepositoryModelUnloadResponse.getDefaultInstance();
    });
  }

  private void modelInfer(GrpcServerRequest<ModelInferRequest, ModelInferResponse> request) {
    Promise<Void> withdrawn = Promise.promise();
    // a reset stream (the client cancelled) or a broken connection: nobody waits for the answer
    request.errorHandler(error -> withdrawn.tryComplete());
    request.exceptionHandler(failure -> withdrawn.tryComplete());
    long deadlineMicros = GrpcTimeout.micros(request.headers().get(GrpcTimeout.HEADER)).orElse(request.timeout() * 1_000);
    request.handler(message -> {
      Future<ModelInferResponse> answer = infer(message, deadlineMicros, withdrawn.future());
      answer.onComplete(result -> {
        if (withdrawn.future().isComplete()) {
          return; // the stream is gone: there is no one to answer
        }
        try {
          if (result.succeeded()) {
            request.response().end(result.result());
          } else {
            request.response().fail(result.cause());
          }
        } catch (RuntimeException e) {
          // reset between the check and the write
        }
      });
    });
  }

  /** @param deadlineMicros the call's {@code grpc-timeout} in microseconds, 0 for none */
  private Future<ModelInferResponse> infer(ModelInferRequest request, long deadlineMicros, Future<Void> withdrawn) {
    try {
      ModelRunner runner = repository.findReady(request.getModelName(), request.getModelVersion());
      ModelSpec spec = runner.spec();
      TextInferCall call = GrpcInferCodec.decode(spec.name(), spec.batching().maxBatchSize(), request);
      QueueTerms terms = call.terms().withTimeoutAtMost(deadlineMicros);
      return runner.infer(call.texts(), call.classification(), terms, withdrawn)
          .map(predictions -> GrpcInferCodec.encode(spec.name(), ModelSpec.VERSION, call, predictions))
          .recover(GrpcInference::status);
    } catch (InferenceException e) {
      return status(e);
    }
  }

  private static <T> Future<T> call(Callable<T> body) {
    try {
      return Future.succeededFuture(body.call());
    } catch (Exception e) {
      return status(e);
    }
  }

  private static <T> Future<T> status(Throwable failure) {
    if (failure instanceof InferenceException e) {
      return Future.failedFuture(new StatusException(grpcStatus(e.reason()), e.getMessage()));
    }
    return Future.failedFuture(new StatusException(GrpcStatus.INTERNAL, String.valueOf(failure)));
  }

  static GrpcStatus grpcStatus(InferenceException.Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT -> GrpcStatus.INVALID_ARGUMENT;
      case NOT_FOUND -> GrpcStatus.NOT_FOUND;
      case RESOURCE_EXHAUSTED -> GrpcStatus.RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
      case CANCELLED -> GrpcStatus.CANCELLED;
      case INTERNAL -> GrpcStatus.INTERNAL;
    };
  }
}
