package io.tbms.protocol.transport;

import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2FrameListenerDecorator;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lifts the limits on stream resets a client connection may send and receive.
 *
 * <p>Netty guards servers against reset floods ("Rapid Reset", "MadeYouReset") by closing a
 * connection that sends or receives more than 200 counted RST_STREAM frames in 30 s, and means
 * to do so on servers only. Vert.x 5.0's HTTP/2 client never tells Netty's builder that it is a
 * client, so its connections get the server guards. A client that cancels calls trips them in
 * normal traffic: after it cancels, frames the server had already sent arrive for a stream it no
 * longer knows, and it answers each with a counted RST_STREAM (STREAM_CLOSED). At a few cancels
 * per second the connection dies within the window, failing every call it carries.
 *
 * <p>The guards protect a server from its clients; a client needs none against the server it
 * chose to call, so they are raised out of reach. Where a connection has no such guard (a
 * Vert.x that builds clients as clients), nothing changes.
 */
final class ResetLimit {

  private static final Logger LOG = Logger.getLogger(ResetLimit.class.getName());
  private static final String SENT_GUARD = "io.netty.handler.codec.http2.Http2MaxRstFrameLimitEncoder";
  private static final String RECEIVED_GUARD = "io.netty.handler.codec.http2.Http2MaxRstFrameListener";
  private static final String LIMIT_FIELD = "maxRstFramesPerWindow";

  private ResetLimit() {}

  /** Raises the reset limits of a newly opened connection, if it has them; never fails the connection. */
  static void lift(HttpConnection connection) {
    if (!(connection instanceof ConnectionBase base)) {
      return;
    }
    try {
      lift(base.channel());
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not lift the HTTP/2 reset limits of a connection; "
          + "it closes after 200 cancelled calls in 30 s", e);
    }
  }

  /** Raises the limits on {@code channel}; the number of guards raised (0, 1 or 2). */
  static int lift(Channel channel) throws ReflectiveOperationException {
    Http2ConnectionHandler handler = channel.pipeline().get(Http2ConnectionHandler.class);
    if (handler == null) {
      return 0;
    }
    int raised = 0;
    Http2ConnectionEncoder encoder = handler.encoder();
    while (encoder instanceof DecoratingHttp2ConnectionEncoder decorating) {
      raised += raise(encoder, SENT_GUARD);
      encoder = (Http2ConnectionEncoder) read(DecoratingHttp2ConnectionEncoder.class, "delegate", decorating);
    }
    Http2ConnectionDecoder decoder = handler.decoder();
    while (decoder instanceof DecoratingHttp2ConnectionDecoder decorating) {
      decoder = (Http2ConnectionDecoder) read(DecoratingHttp2ConnectionDecoder.class, "delegate", decorating);
    }
    Http2FrameListener listener = decoder.frameListener();
    while (listener instanceof Http2FrameListenerDecorator decorator) {
      raised += raise(listener, RECEIVED_GUARD);
      listener = (Http2FrameListener) read(Http2FrameListenerDecorator.class, "listener", decorator);
    }
    return raised;
  }

  private static int raise(Object stage, String guard) throws ReflectiveOperationException {
    if (!stage.getClass().getName().equals(guard)) {
      return 0;
    }
    Field limit = stage.getClass().getDeclaredField(LIMIT_FIELD);
    limit.setAccessible(true);
    limit.setInt(stage, Integer.MAX_VALUE);
    return 1;
  }

  private static Object read(Class<?> owner, String name, Object instance) throws ReflectiveOperationException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(instance);
  }
}
