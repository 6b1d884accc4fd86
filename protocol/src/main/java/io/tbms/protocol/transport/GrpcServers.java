package io.tbms.protocol.transport;

import io.vertx.core.http.HttpServer;

/**
 * HTTP/2 servers for gRPC callers that cancel calls as a matter of course (a broker withdrawing
 * calls it no longer needs, a caller's deadline): every connection keeps serving however many
 * calls are cancelled on it. The server-side counterpart of {@link GrpcClients}; see {@link
 * StreamErrorGuard} and {@link ResetLimit} for the two failures it prevents.
 */
public final class GrpcServers {

  private GrpcServers() {}

  /**
   * Makes every connection {@code server} accepts from now on tolerate cancelled calls. It takes
   * the server's connection handler: set none of your own.
   *
   * @return {@code server}
   */
  public static HttpServer keepConnectionsThroughCancels(HttpServer server) {
    return server.connectionHandler(CancelTolerance::install);
  }
}
