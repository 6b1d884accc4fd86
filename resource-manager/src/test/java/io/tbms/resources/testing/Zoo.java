package io.tbms.resources.testing;

import io.tbms.common.time.Clock;
import io.tbms.resources.Target;
import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.model.ModelFactory;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The reference model server (the demo layout: embedding on gpu0 and gpu1, svm, bayes, keyword on
 * the CPU) on free loopback ports, with event loops of its own, and a way to send it real queries.
 */
public final class Zoo implements AutoCloseable {

  private static Map<String, TextModel> models;

  private final Vertx vertx;
  public final ModelServer server;
  private final HttpClient http;

  private Zoo(Vertx vertx, ModelServer server) {
    this.vertx = vertx;
    this.server = server;
    this.http = vertx.createHttpClient();
  }

  private static synchronized Map<String, TextModel> models() {
    if (models == null) {
      models = ModelFactory.trainOrLoad(
          Clinc150Loader.loadDefault(),
          ModelFactory.DEFAULT_CACHE_DIR, ModelFactory.NAMES, System.err::println);
    }
    return models;
  }

  public static Zoo start() throws Exception {
    Vertx vertx = Vertx.vertx();
    ModelServer server = await(ModelServer.start(vertx, ZooConfig.ofDefaults().withPorts(0, 0, 0), models(), Clock.system()));
    return new Zoo(vertx, server);
  }

  public Target target() {
    return new Target("127.0.0.1:" + server.grpcPort(), "http://127.0.0.1:" + server.metricsPort() + "/metrics");
  }

  /** One KServe v2 REST inference of {@code texts} on {@code model}; the HTTP status. */
  public Future<Integer> infer(String model, String... texts) {
    StringBuilder data = new StringBuilder();
    for (String text : texts) {
      data.append(data.length() == 0 ? "" : ",").append('"').append(text).append('"');
    }
    String body = "{\"inputs\":[{\"name\":\"TEXT\",\"datatype\":\"BYTES\",\"shape\":[" + texts.length
        + ",1],\"data\":[" + data + "]}]}";
    return http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
            .setPort(server.httpPort()).setURI("/v2/models/" + model + "/infer")
            .putHeader("content-type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(body)))
        .compose(response -> response.body().map(ignored -> response.statusCode()));
  }

  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(server.stop());
    await(vertx.close());
  }
}
