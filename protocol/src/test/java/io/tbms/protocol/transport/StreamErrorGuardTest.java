package io.tbms.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamErrorGuardTest {

  private final List<Throwable> reached = new ArrayList<>();
  private final EmbeddedChannel channel = new EmbeddedChannel(StreamErrorGuard.INSTANCE, new ChannelInboundHandlerAdapter() {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      reached.add(cause); // where Vert.x's HTTP/2 handler would close the connection
    }
  });

  @Test
  void stopsAStreamErrorSoTheConnectionStays() {
    channel.pipeline().fireExceptionCaught(
        Http2Exception.streamError(7, Http2Error.STREAM_CLOSED, "Stream closed before write could take place"));

    assertThat(reached).isEmpty();
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void stopsAStreamErrorWrappedInAnotherException() {
    channel.pipeline().fireExceptionCaught(
        new IllegalStateException(Http2Exception.streamError(9, Http2Error.CANCEL, "cancelled")));

    assertThat(reached).isEmpty();
  }

  @Test
  void passesConnectionErrorsAndOtherFailuresOn() {
    Http2Exception connectionError = Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, "bad frame");
    IOException broken = new IOException("Broken pipe");
    channel.pipeline().fireExceptionCaught(connectionError);
    channel.pipeline().fireExceptionCaught(broken);

    assertThat(reached).containsExactly(connectionError, broken);
  }
}
