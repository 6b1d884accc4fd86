package io.tbms.broker.front;

import io.tbms.protocol.transport.GrpcServers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.grpc.server.GrpcServer;
import java.util.function.Function;

/**
 * One event loop's share of the front: an HTTP server on the broker's port (Vert.x spreads the
 * connections of one port over the deployed instances) that hands gRPC requests ({@code
 * content-type: application/grpc…}) to the gRPC server and everything else to the HTTP router.
 * HTTP/1.1 and HTTP/2 (cleartext, as gRPC clients use it) on the one port.
 */
public final class FrontVerticle extends VerticleBase {

  private final HttpServerOptions options;
  private final Function<io.vertx.core.Vertx, Router> router;
  private final Function<io.vertx.core.Vertx, GrpcServer> grpc;
  private HttpServer server;

  public FrontVerticle(HttpServerOptions options, Function<io.vertx.core.Vertx, Router> router,
      Function<io.vertx.core.Vertx, GrpcServer> grpc) {
    this.options = options;
    this.router = router;
    this.grpc = grpc;
  }

  @Override
  public Future<?> start() {
    Router http = router.apply(vertx);
    GrpcServer rpc = grpc.apply(vertx);
    Handler<HttpServerRequest> handler = request -> {
      String type = request.getHeader("content-type");
      if (type != null && type.startsWith("application/grpc")) {
        rpc.handle(request);
      } else {
        http.handle(request);
      }
    };
    // callers cancel gRPC calls when their deadline passes: each such call fails alone
    server = GrpcServers.keepConnectionsThroughCancels(vertx.createHttpServer(options)).requestHandler(handler);
    return server.listen();
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
