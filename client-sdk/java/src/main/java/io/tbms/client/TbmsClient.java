package io.tbms.client;

import io.tbms.client.internal.Answers;
import io.tbms.client.internal.GrpcTransport;
import io.tbms.client.internal.RequestSigner;
import io.tbms.client.internal.Requests;
import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The TBMS broker's Java client: signed {@code Try} and {@code MixTry} queries over gRPC
 * (HTTP/2 cleartext, one connection), each bounded by its budget.
 *
 * <pre>{@code
 * try (TbmsClient client = TbmsClient.builder().endpoint("localhost:8080")
 *     .accessId("demo").accessKey("demo-secret-key").instance("demo").build()) {
 *   Answer a = client.tryModelsBlocking("set an alarm for 7 am",
 *       ModelChain.of(model("embedding", 35), model("svm", 25), model("bayes", 15), model("keyword", 5)),
 *       TryOptions.budget(Duration.ofMillis(50)));
 * }
 * }</pre>
 *
 * <p><b>Time.</b> Each call sends {@code grpc-timeout} = budget + the timeout margin and completes
 * by then at the latest, even when the broker is stalled: with the broker's answer (possibly
 * {@linkplain Answer#isEmpty() empty}, which is not an error), or with a {@link TbmsException}
 * ({@link UnavailableException} {@code DEADLINE_EXCEEDED} when nothing came back in time; the call
 * is then cancelled on the wire). The client never retries: no retry could fit the budget.
 *
 * <p><b>Errors.</b> Bad arguments (null, an empty text) throw {@link NullPointerException} or
 * {@link IllegalArgumentException} at once. Everything the broker or the network does wrong
 * completes the future exceptionally with a {@link TbmsException} subclass, not wrapped; the
 * {@code *Blocking} forms throw it as it is.
 *
 * <p><b>Threading.</b> Thread-safe; share one client. Futures complete on a Vert.x event-loop
 * thread: dependent stages must not block (use the {@code *Async} stages of
 * {@link CompletableFuture} for blocking work). The {@code *Blocking} forms must not be called on
 * an event loop; they throw {@link IllegalStateException} there.
 *
 * <p><b>Ownership.</b> The client creates a Vert.x instance of its own (one event loop) unless one
 * is given with {@link Builder#vertx(Vertx)}; {@link #close()} closes the connection and the Vert.x
 * instance it created, never a given one. Calls still in flight at close fail with
 * {@link UnavailableException} {@code CLIENT_CLOSED}.
 */
public final class TbmsClient implements AutoCloseable {

  private static final long CLOSE_WAIT_SECONDS = 10;

  private final TbmsClientConfig config;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final RequestSigner signer;
  private final GrpcTransport transport;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TbmsClient(TbmsClientConfig config, Vertx vertx, boolean ownsVertx) {
    this.config = config;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.signer = new RequestSigner(config.accessId(), config.accessKey(), config.instance(), config.clock());
    this.transport = new GrpcTransport(vertx, config.host(), config.port(), config.clock());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configuration the client was built with. */
  public TbmsClientConfig config() {
    return config;
  }

  /**
   * Runs {@code text} over {@code chain}, best model first (the seed's {@code tbmsTry}).
   *
   * @return the answer, completed by {@code options.budget()} + the timeout margin at the latest
   */
  public CompletableFuture<Answer> tryModels(String text, ModelChain chain, TryOptions options) {
    byte[] body = Requests.tryRequest(text, chain, options).toByteArray();
    return call(Requests.TRY_PATH, body, options);
  }

  /** {@link #tryModels} waited for; throws its {@link TbmsException} as it is. */
  public Answer tryModelsBlocking(String text, ModelChain chain, TryOptions options) {
    requireOffEventLoop();
    return await(tryModels(text, chain, options));
  }

  /**
   * Runs {@code text} over {@code groups}, each a set of models that run together and whose
   * outputs are combined (the seed's {@code tbmsMixTry}). {@link Answer#model()} names the group.
   *
   * @return the answer, completed by {@code options.budget()} + the timeout margin at the latest
   */
  public CompletableFuture<Answer> mixTry(String text, MixGroups groups, TryOptions options) {
    byte[] body = Requests.mixTryRequest(text, groups, options).toByteArray();
    return call(Requests.MIX_TRY_PATH, body, options);
  }

  /** {@link #mixTry} waited for; throws its {@link TbmsException} as it is. */
  public Answer mixTryBlocking(String text, MixGroups groups, TryOptions options) {
    requireOffEventLoop();
    return await(mixTry(text, groups, options));
  }

  private CompletableFuture<Answer> call(String path, byte[] body, TryOptions options) {
    long timeoutMillis = options.budget().toMillis() + config.timeoutMargin().toMillis();
    return transport.call(path, body, signer.headers(path, body), timeoutMillis, Answers::decode);
  }

  /**
   * Closes the connection and, if the client created it, its Vert.x instance; fails the calls in
   * flight. Waits up to 10 s for the release unless called on an event loop. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Future<Void> done = transport.close().eventually(() -> ownsVertx ? vertx.close() : Future.succeededFuture());
    if (!Context.isOnEventLoopThread()) {
      try {
        done.toCompletionStage().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // nothing left to do with a connection or event loop that would not close
      }
    }
  }

  private static void requireOffEventLoop() {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("the blocking calls would block a Vert.x event loop; use tryModels / mixTry there");
    }
  }

  private static Answer await(CompletableFuture<Answer> answer) {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new UnavailableException("UNKNOWN", String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new TbmsException("CANCELLED", "interrupted while waiting for the answer");
    } catch (CancellationException e) {
      throw new TbmsException("CANCELLED", "the call was cancelled");
    }
  }

  /**
   * Builds a {@link TbmsClient}. Required: {@link #endpoint}, {@link #accessId}, {@link #accessKey},
   * {@link #instance}. Not thread-safe; {@link #build()} validates and names the field of any bad
   * value.
   */
  public static final class Builder {

    private String host;
    private int port = -1;
    private String endpoint;
    private String accessId;
    private String accessKey;
    private String instance;
    private Duration timeoutMargin = TbmsClientConfig.DEFAULT_TIMEOUT_MARGIN;
    private Clock clock = Clock.system();
    private Vertx vertx;

    private Builder() {}

    /** The broker's gRPC endpoint as {@code host:port} (an IPv6 address in brackets: {@code [::1]:8080}). */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder accessId(String accessId) {
      this.accessId = accessId;
      return this;
    }

    public Builder accessKey(String accessKey) {
      this.accessKey = accessKey;
      return this;
    }

    /** The instance the credentials belong to; the broker refuses the calls if it is another. */
    public Builder instance(String instance) {
      this.instance = instance;
      return this;
    }

    /** How long past a query's budget to keep waiting for the answer; default 100 ms. */
    public Builder timeoutMargin(Duration timeoutMargin) {
      this.timeoutMargin = timeoutMargin;
      return this;
    }

    /** The source of wall-clock timestamps for the signatures and of elapsed time; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** A Vert.x instance to run on, which the client will not close; default: one of its own. */
    public Builder vertx(Vertx vertx) {
      this.vertx = vertx;
      return this;
    }

    public TbmsClient build() {
      parseEndpoint();
      TbmsClientConfig config = new TbmsClientConfig(host, port, accessId, accessKey, instance, timeoutMargin, clock);
      if (vertx != null) {
        return new TbmsClient(config, vertx, false);
      }
      Vertx own = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
      try {
        return new TbmsClient(config, own, true);
      } catch (RuntimeException e) {
        own.close();
        throw e;
      }
    }

    private void parseEndpoint() {
      Objects.requireNonNull(endpoint, "endpoint must be set (host:port)");
      String value = endpoint.trim();
      int colon = value.lastIndexOf(':');
      if (colon <= 0 || colon == value.length() - 1) {
        throw new IllegalArgumentException("endpoint must be host:port, was '" + endpoint + "'");
      }
      String h = value.substring(0, colon);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      } else if (h.indexOf(':') >= 0) {
        throw new IllegalArgumentException("endpoint must be host:port with an IPv6 address in brackets, was '" + endpoint + "'");
      }
      try {
        port = Integer.parseInt(value.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("endpoint port must be a number, was '" + endpoint + "'");
      }
      host = h;
    }
  }
}
