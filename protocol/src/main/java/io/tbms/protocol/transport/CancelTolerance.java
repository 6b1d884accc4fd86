package io.tbms.protocol.transport;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Makes one HTTP/2 connection survive cancelled calls, on either side: lifts Netty's reset-flood
 * limits ({@link ResetLimit}) and puts a {@link StreamErrorGuard} first in its pipeline, so that a
 * cancelled call fails alone instead of closing the connection with every call on it.
 */
final class CancelTolerance {

  private CancelTolerance() {}

  /** Installs both on a newly opened connection; a connection that is not a Netty channel is left as it is. */
  static void install(HttpConnection connection) {
    ResetLimit.lift(connection);
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get(StreamErrorGuard.NAME) == null) {
        pipeline.addFirst(StreamErrorGuard.NAME, StreamErrorGuard.INSTANCE);
      }
    }
  }
}
