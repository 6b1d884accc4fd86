package io.tbms.zoo.server;

import com.google.protobuf.Message;
import io.tbms.zoo.repository.ModelRepository;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.runtime.InferenceException;
import io.tbms.zoo.runtime.ModelRunner;
import io.tbms.zoo.runtime.TextInferCall;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The KServe v2 HTTP/REST API of the model server, plus Triton's repository, configuration and
 * statistics extensions. Errors are KServe's {@code {"error": "..."}} with 400 (bad input, a
 * malformed load config), 404 (unknown model or version), 413 (body too large) or 503 (not ready,
 * queue full).
 */
final class RestRoutes {

  private final ModelRepository repository;
  private final ZooConfig config;

  RestRoutes(ModelRepository repository, ZooConfig config) {
    this.repository = repository;
    this.config = config;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/v2/health/live").handler(ctx -> ctx.response().setStatusCode(200).end());
    router.get("/v2/health/ready")
        .handler(ctx -> ctx.response().setStatusCode(repository.allReady() ? 200 : 503).end());
    router.get("/v2").handler(ctx -> json(ctx, 200, serverMetadata()));
    router.post("/v2/repository/index").handler(ctx -> json(ctx, 200, index()));
    router.post("/v2/repository/models/:model/load")
        .handler(BodyHandler.create(false).setBodyLimit(config.maxRequestBytes()))
        .handler(this::load);
    router.post("/v2/repository/models/:model/unload").handler(this::unload);
    router.get("/v2/models/stats").handler(this::allStats);
    for (String base : List.of("/v2/models/:model", "/v2/models/:model/versions/:version")) {
      router.get(base).handler(ctx -> proto(ctx, TritonViews.metadata(runner(ctx).spec())));
      router.get(base + "/ready").handler(ctx -> ctx.response().setStatusCode(runner(ctx).ready() ? 200 : 503).end());
      router.get(base + "/config")
          .handler(ctx -> proto(ctx, TritonViews.config(runner(ctx).spec(), config.devices())));
      router.get(base + "/stats").handler(this::modelStats);
      router.post(base + "/infer")
          .handler(BodyHandler.create(false).setBodyLimit(config.maxRequestBytes()))
          .handler(this::infer);
    }
    router.route().last().handler(ctx -> error(ctx, 404, "not found: " + ctx.request().method() + " " + ctx.request().path()));
    router.route().failureHandler(this::failure);
    return router;
  }

  private ModelRunner runner(RoutingContext ctx) {
    return repository.find(ctx.pathParam("model"), ctx.pathParam("version"));
  }

  private void infer(RoutingContext ctx) {
    ModelRunner runner = repository.findReady(ctx.pathParam("model"), ctx.pathParam("version"));
    ModelSpec spec = runner.spec();
    TextInferCall call = RestInferCodec.decode(spec.name(), spec.batching().maxBatchSize(), ctx.body().buffer());
    // a caller that closes or resets its request withdraws it: still queued, it is never computed
    io.vertx.core.Promise<Void> withdrawn = io.vertx.core.Promise.promise();
    ctx.response().closeHandler(v -> withdrawn.tryComplete());
    runner.infer(call.texts(), call.classification(), call.terms(), withdrawn.future())
        .map(predictions -> RestInferCodec.encode(spec.name(), ModelSpec.VERSION, call, predictions))
        .onSuccess(body -> {
          if (!ctx.response().closed()) {
            json(ctx, 200, body);
          }
        })
        .onFailure(failure -> {
          if (!ctx.response().closed()) {
            ctx.fail(failure);
          }
        });
  }

  private void modelStats(RoutingContext ctx) {
    ModelRunner runner = runner(ctx);
    JsonObject body = new JsonObject()
        .put("model_stats", new JsonArray().add(ProtoJson.toJson(TritonViews.statistics(runner.spec(), runner.stats().snapshot()))));
    json(ctx, 200, body);
  }

  private void allStats(RoutingContext ctx) {
    JsonArray stats = new JsonArray();
    for (ModelRunner runner : repository.all()) {
      stats.add(ProtoJson.toJson(TritonViews.statistics(runner.spec(), runner.stats().snapshot())));
    }
    json(ctx, 200, new JsonObject().put("model_stats", stats));
  }

  /**
   * Marks the model ready; a body {@code {"parameters": {"config": "<model config as JSON>"}}}
   * first changes its dynamic batching, see {@link ConfigOverride}. An empty body is a plain load.
   */
  private void load(RoutingContext ctx) {
    ModelRunner runner = repository.find(ctx.pathParam("model"), "");
    ConfigOverride.load(runner, configParameter(ctx.body().buffer()));
    ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end("{}");
  }

  /** The {@code parameters.config} string of a load request body; null when there is none. */
  private static String configParameter(Buffer body) {
    if (body == null || body.toString().isBlank()) {
      return null;
    }
    JsonObject request = null;
    try {
      request = body.toJsonObject();
    } catch (RuntimeException e) { // not JSON, or JSON but not an object: refused below
    }
    if (request == null) {
      throw InferenceException.invalid("malformed JSON in the load request body: expected {\"parameters\": {...}}");
    }
    Object parameters = request.getValue("parameters");
    if (parameters == null) {
      return null;
    }
    if (!(parameters instanceof JsonObject map)) {
      throw InferenceException.invalid("'parameters' must be an object");
    }
    Object config = map.getValue(ConfigOverride.PARAMETER);
    if (config == null) {
      return null;
    }
    if (!(config instanceof String json)) {
      throw InferenceException.invalid("parameters." + ConfigOverride.PARAMETER
          + " must be a string holding the model config as JSON");
    }
    return json;
  }

  private void unload(RoutingContext ctx) {
    repository.find(ctx.pathParam("model"), "").setReady(false);
    ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end("{}");
  }

  private JsonArray index() {
    JsonArray models = new JsonArray();
    for (ModelRunner runner : repository.all()) {
      JsonObject entry = new JsonObject()
          .put("name", runner.spec().name())
          .put("version", ModelSpec.VERSION)
          .put("state", runner.ready() ? "READY" : "UNAVAILABLE");
      if (!runner.ready()) {
        entry.put("reason", "unloaded");
      }
      models.add(entry);
    }
    return models;
  }

  private static JsonObject serverMetadata() {
    return new JsonObject()
        .put("name", ModelServer.NAME)
        .put("version", ModelServer.VERSION)
        .put("extensions", new JsonArray(ModelServer.EXTENSIONS));
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof InferenceException e) {
      error(ctx, httpStatus(e.reason()), e.getMessage());
    } else if (ctx.statusCode() == 413) {
      error(ctx, 413, "request body exceeds the limit of " + config.maxRequestBytes() + " bytes");
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error(ctx, ctx.statusCode(), "bad request");
    } else {
      error(ctx, 500, "internal error: " + failure);
    }
  }

  static int httpStatus(InferenceException.Reason reason) {
    return switch (reason) {
      case INVALID_ARGUMENT -> 400;
      case NOT_FOUND -> 404;
      case RESOURCE_EXHAUSTED -> 429;
      case UNAVAILABLE -> 503;
      case CANCELLED -> 499; // client closed the request, as nginx and Envoy report it
      case INTERNAL -> 500;
    };
  }

  private static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    json(ctx, status, new JsonObject().put("error", message));
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(String.valueOf(body));
  }

  private static void proto(RoutingContext ctx, Message message) {
    json(ctx, 200, ProtoJson.toJson(message));
  }
}
