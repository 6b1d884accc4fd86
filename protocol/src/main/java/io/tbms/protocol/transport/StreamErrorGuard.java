package io.tbms.protocol.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Exception;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps an HTTP/2 connection open when one of its streams fails.
 *
 * <p>Vert.x 5.0 writes some HTTP/2 frames (a call's last headers, among others) with Netty's void
 * promise, whose failure is fired down the pipeline as an exception. When a caller cancels a call
 * whose answer is queued but not yet sent, Netty fails that write with a stream error
 * (STREAM_CLOSED: "Stream closed before write could take place"); Vert.x's handler takes any
 * exception as fatal and closes the connection with every other call on it. A stream error is, by
 * HTTP/2's definition (RFC 9113 §5.4.2), about that stream only: this handler, first in the
 * pipeline, stops stream errors there and passes every other exception on. Stateless; shared.
 */
@ChannelHandler.Sharable
final class StreamErrorGuard extends ChannelInboundHandlerAdapter {

  static final StreamErrorGuard INSTANCE = new StreamErrorGuard();
  static final String NAME = "tbms-stream-error-guard";

  private static final Logger LOG = Logger.getLogger(StreamErrorGuard.class.getName());

  private StreamErrorGuard() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Http2Exception http2 = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
    if (http2 instanceof Http2Exception.StreamException stream) {
      LOG.log(Level.FINE, () -> ctx.channel() + ": stream " + stream.streamId() + " failed, the connection stays: " + cause);
      return;
    }
    ctx.fireExceptionCaught(cause);
  }
}
