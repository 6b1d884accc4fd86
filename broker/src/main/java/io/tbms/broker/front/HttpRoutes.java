package io.tbms.broker.front;

import io.tbms.protocol.broker.v1.TryResponse;
import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The broker's HTTP/JSON front (docs/design.md §3): {@code POST /v1/try}, {@code POST /v1/mix-try},
 * {@code GET /v1/report} (the caller's instance's own report, signed like a query), {@code GET
 * /healthz}, {@code /readyz}, {@code /metrics}, {@code /api/models}. Errors are JSON
 * {@code {"error": {"code", "status", "field", "message"}}} with the status of their {@link
 * Refusal}. Handlers run on the event loop and never block.
 */
public final class HttpRoutes {

  public static final String TRY_PATH = "/v1/try";
  public static final String MIX_TRY_PATH = "/v1/mix-try";
  public static final String REPORT_PATH = "/v1/report";
  private static final String JSON = "application/json";

  private HttpRoutes() {}

  /**
   * @param ready whether the broker can serve queries, with details for {@code /readyz}
   * @param metrics the Prometheus text exposition
   * @param models the registry and its live state, for {@code /api/models}
   * @param refused told of every refusal, for metrics
   * @param reports an instance's own report, by instance name
   */
  public static Router router(Vertx vertx, Clock clock, int maxBodyBytes, Authenticator auth, TryService service,
      Supplier<Readiness> ready, Supplier<String> metrics, Supplier<JsonObject> models, Consumer<Refusal> refused,
      Function<String, Future<JsonObject>> reports) {
    Router router = Router.router(vertx);
    router.post(TRY_PATH).handler(ctx -> ctx.put("t0", clock.nanoTime()).next());
    router.post(MIX_TRY_PATH).handler(ctx -> ctx.put("t0", clock.nanoTime()).next());
    router.post().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    router.post(TRY_PATH).handler(ctx -> query(ctx, auth, body -> TryJson.tryRequest(body), service::tryQuery, refused));
    router.post(MIX_TRY_PATH).handler(ctx -> query(ctx, auth, body -> TryJson.mixTryRequest(body), service::mixTry, refused));
    router.get(REPORT_PATH).handler(ctx -> instanceReport(ctx, auth, reports, refused));
    router.get("/healthz").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(new JsonObject().put("status", "live").encode()));
    router.get("/readyz").handler(ctx -> {
      Readiness readiness = ready.get();
      ctx.response().setStatusCode(readiness.ready() ? 200 : 503).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
          .end(readiness.details().put("status", readiness.ready() ? "ready" : "not ready").encode());
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(metrics.get()));
    router.get("/api/models").handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(models.get().encodePrettily()));
    router.route().failureHandler(ctx -> {
      int code = ctx.statusCode();
      Refusal refusal = switch (code) {
        case 413 -> Refusal.TOO_LARGE;
        case 400 -> Refusal.INVALID_ARGUMENT;
        default -> Refusal.INTERNAL;
      };
      String message = code == 413 ? "body is larger than " + maxBodyBytes + " bytes" : "cannot serve the request";
      RefusedException e = new RefusedException(refusal, code == 413 ? "body" : null, message);
      refused.accept(e.refusal());
      error(ctx, e);
    });
    return router;
  }

  /** Why the broker is or is not ready. */
  public record Readiness(boolean ready, JsonObject details) {}

  @FunctionalInterface
  private interface QueryCall<R> {
    Future<TryResponse> run(String instance, R request, long t0Nanos);
  }

  private static <R> void query(RoutingContext ctx, Authenticator auth, Function<Buffer, R> parse, QueryCall<R> call,
      Consumer<Refusal> refused) {
    long t0 = ctx.get("t0");
    Buffer body = ctx.body().buffer();
    if (body == null) {
      body = Buffer.buffer();
    }
    Future<TryResponse> response;
    try {
      String instance = auth.authenticate(ctx.request().headers(), "POST", ctx.request().path(), body.getBytes());
      R request = parse.apply(body);
      response = call.run(instance, request, t0);
    } catch (RefusedException e) {
      response = Future.failedFuture(e);
    }
    respond(ctx, response.map(Responses::toJson), refused);
  }

  private static void instanceReport(RoutingContext ctx, Authenticator auth, Function<String, Future<JsonObject>> reports,
      Consumer<Refusal> refused) {
    Future<JsonObject> report;
    try {
      report = reports.apply(auth.authenticate(ctx.request().headers(), "GET", ctx.request().path(), new byte[0]));
    } catch (RefusedException e) {
      report = Future.failedFuture(e);
    }
    respond(ctx, report, refused);
  }

  /** The body as JSON, or the refusal as a JSON error with its status (and told to metrics). */
  private static void respond(RoutingContext ctx, Future<JsonObject> body, Consumer<Refusal> refused) {
    body.onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
            .end(ar.result().encode());
      } else {
        refused.accept(ar.cause() instanceof RefusedException r ? r.refusal() : Refusal.INTERNAL);
        error(ctx, ar.cause());
      }
    });
  }

  static void error(RoutingContext ctx, Throwable cause) {
    RefusedException refused = cause instanceof RefusedException r ? r
        : new RefusedException(Refusal.INTERNAL, null, "internal error: " + cause);
    if (ctx.response().ended()) {
      return;
    }
    JsonObject error = new JsonObject()
        .put("code", refused.refusal().httpStatus())
        .put("status", refused.refusal().grpcStatus().name())
        .put("message", refused.getMessage());
    if (refused.field() != null) {
      error.put("field", refused.field());
    }
    if (refused.refusal().retryLater()) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Refusal.RETRY_AFTER_SECONDS));
    }
    ctx.response().setStatusCode(refused.refusal().httpStatus()).putHeader(HttpHeaders.CONTENT_TYPE, JSON)
        .end(new JsonObject().put("error", error).encode());
  }
}
