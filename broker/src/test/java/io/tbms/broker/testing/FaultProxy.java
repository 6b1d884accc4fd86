package io.tbms.broker.testing;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback between the broker and one backend that injects the faults a real
 * backend shows, switched live: {@link Mode#PASS} forwards both ways; {@link Mode#STALL} swallows
 * what the broker sends and answers nothing; {@link Mode#HOLD} keeps what the broker sends and
 * forwards it, in order, once the mode is {@code PASS} again (a backend slow to take its first
 * calls); {@link Mode#GARBAGE} answers each request with random
 * bytes and closes; {@link Mode#RESET} closes every connection at once and each new one as it
 * comes; {@link Mode#KILLED} stops listening (connections refused) until the mode changes.
 */
public final class FaultProxy implements AutoCloseable {

  public enum Mode { PASS, STALL, HOLD, GARBAGE, RESET, KILLED }

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  /** Per connection in HOLD, what releases its held bytes (run on the connection's context). */
  private final Set<Runnable> holding = ConcurrentHashMap.newKeySet();
  private final Random random = new Random(7);
  private volatile Mode mode = Mode.PASS;
  private NetServer server;
  private int port;

  public FaultProxy(String targetHost, int targetPort) throws Exception {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    listen(0);
  }

  public int port() {
    return port;
  }

  public Mode mode() {
    return mode;
  }

  /** Switches the fault; RESET and KILLED also close every connection open now. */
  public synchronized void mode(Mode next) throws Exception {
    Mode before = mode;
    mode = next;
    if (next == Mode.RESET || next == Mode.KILLED) {
      open.forEach(NetSocket::close);
    }
    if (before == Mode.HOLD && next == Mode.PASS) {
      holding.forEach(Runnable::run);
    }
    if (next == Mode.KILLED && before != Mode.KILLED) {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } else if (before == Mode.KILLED && next != Mode.KILLED) {
      listen(port); // back on the same port, as a restarted server would be
    }
  }

  private void listen(int onPort) throws Exception {
    server = vertx.createNetServer().connectHandler(this::accept);
    port = server.listen(onPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
        .actualPort();
  }

  private void accept(NetSocket downstream) {
    if (mode == Mode.RESET) {
      downstream.close();
      return;
    }
    open.add(downstream);
    downstream.closeHandler(v -> open.remove(downstream));
    downstream.pause();
    Context context = vertx.getOrCreateContext(); // the connection's: its handlers run there
    List<Buffer> held = new ArrayList<>(); // what HOLD kept, touched on that context only
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        downstream.close();
        return;
      }
      NetSocket upstream = ar.result();
      open.add(upstream);
      Runnable release = () -> context.runOnContext(v -> {
        held.forEach(upstream::write);
        held.clear();
      });
      holding.add(release);
      upstream.closeHandler(v -> {
        open.remove(upstream);
        holding.remove(release);
        downstream.close();
      });
      downstream.closeHandler(v -> {
        open.remove(downstream);
        upstream.close();
      });
      downstream.handler(data -> {
        switch (mode) {
          case PASS -> {
            held.forEach(upstream::write); // a release not run yet: the held bytes go first
            held.clear();
            upstream.write(data);
          }
          case HOLD -> held.add(data);
          case STALL -> { } // swallowed: the broker waits for an answer that never comes
          case GARBAGE -> {
            byte[] noise = new byte[64];
            random.nextBytes(noise);
            downstream.write(Buffer.buffer(noise)).onComplete(w -> downstream.close());
          }
          case RESET, KILLED -> downstream.close();
        }
      });
      upstream.handler(data -> {
        if (mode == Mode.PASS || mode == Mode.HOLD) {
          downstream.write(data);
        }
      });
      downstream.resume();
    });
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
