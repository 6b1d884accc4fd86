package io.tbms.broker.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tbms.broker.backend.BackendException.Reason;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ReplicaConfig;
import io.tbms.broker.registry.Transport;
import io.tbms.common.time.Clock;
import io.tbms.zoo.data.Clinc150Loader;
import io.tbms.zoo.model.ModelFactory;
import io.tbms.zoo.model.TextModel;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.server.ModelServer;
import io.tbms.zoo.server.ZooConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both clients against the real reference model server on loopback, serving the {@code svm} model
 * trained on CLINC150 (through the shared model cache, so a warm run loads it in under a second).
 */
class ReferenceModelServerTest {

  private static final List<String> TEXTS = List.of(
      "what is the weather like",
      "set a 4 minute timer",
      "tell me the current balance of my bank accounts",
      "set an alarm for 6 am tomorrow");
  private static final List<String> LABELS = List.of("weather", "timer", "balance", "alarm");
  private static final List<String> SERVED = List.of("svm");

  private static Vertx vertx;
  private static Map<String, TextModel> models;
  private static ModelServer server;

  @BeforeAll
  static void startServer() throws Exception {
    vertx = Vertx.vertx();
    models = ModelFactory.trainOrLoad(
        Clinc150Loader.loadDefault(),
        ModelFactory.DEFAULT_CACHE_DIR, SERVED, System.err::println);
    ZooConfig defaults = ZooConfig.ofDefaults();
    List<ModelSpec> specs = defaults.models().stream().filter(spec -> SERVED.contains(spec.name())).toList();
    server = Await.result(ModelServer.start(vertx, defaults.withPorts(0, 0, 0).withModels(specs), models, Clock.system()));
  }

  @AfterAll
  static void stopServer() throws Exception {
    Await.result(server.stop());
    Await.result(vertx.close());
    models.values().forEach(TextModel::close);
  }

  private static ReplicaConfig grpc() {
    return new ReplicaConfig("127.0.0.1", server.grpcPort(), Transport.GRPC, "cpu");
  }

  private static ReplicaConfig rest() {
    return new ReplicaConfig("127.0.0.1", server.httpPort(), Transport.REST, "cpu");
  }

  private static List<ModelAnswer> inferOnce(ReplicaConfig replica, String model) throws Exception {
    ReplicaClient client = ReplicaClient.create(vertx, replica, AnswerOutputs.DEFAULT, 4);
    try {
      return Await.result(client.infer(model, "", new InferInput.Texts(TEXTS)).result());
    } finally {
      Await.result(client.close());
    }
  }

  @Test
  void grpcClientGetsTheRightLabelsForABatchOverARealSocket() throws Exception {
    List<ModelAnswer> answers = inferOnce(grpc(), "svm");
    assertThat(answers).extracting(ModelAnswer::label).containsExactlyElementsOf(LABELS);
    assertThat(answers).allSatisfy(answer -> assertThat(answer.score()).isBetween(0f, 1f));
  }

  @Test
  void restClientGetsTheRightLabelsForABatchOverARealSocket() throws Exception {
    List<ModelAnswer> answers = inferOnce(rest(), "svm");
    assertThat(answers).extracting(ModelAnswer::label).containsExactlyElementsOf(LABELS);
    assertThat(answers).allSatisfy(answer -> assertThat(answer.score()).isBetween(0f, 1f));
  }

  @Test
  void bothTransportsGiveTheSameAnswers() throws Exception {
    assertThat(inferOnce(grpc(), "svm")).isEqualTo(inferOnce(rest(), "svm"));
  }

  @Test
  void bothTransportsReadTheSameTopKClassScoresWhenAsked() throws Exception {
    List<List<ModelAnswer>> byTransport = new ArrayList<>();
    for (ReplicaConfig replica : List.of(grpc(), rest())) {
      ReplicaClient client = ReplicaClient.create(vertx, replica, AnswerOutputs.DEFAULT.withClasses(3), 4);
      try {
        List<ModelAnswer> answers =
            Await.result(client.infer("svm", "", new InferInput.Texts(TEXTS).withClassScores()).result());
        assertThat(answers).extracting(ModelAnswer::label).containsExactlyElementsOf(LABELS);
        assertThat(answers).allSatisfy(answer -> {
          assertThat(answer.classes()).hasSize(3);
          assertThat(answer.classes().get(0)).isEqualTo(new ClassScore(answer.label(), answer.score()));
        });
        byTransport.add(answers);
      } finally {
        Await.result(client.close());
      }
    }
    assertThat(byTransport.get(0)).isEqualTo(byTransport.get(1));
    // the plain call's answers are the top-1 of the same classes
    assertThat(inferOnce(grpc(), "svm")).isEqualTo(byTransport.get(0).stream()
        .map(answer -> new ModelAnswer(answer.label(), answer.score())).toList());
  }

  @Test
  void anUnknownModelIsABackendErrorOnBothTransports() throws Exception {
    for (ReplicaConfig replica : List.of(grpc(), rest())) {
      ReplicaClient client = ReplicaClient.create(vertx, replica, AnswerOutputs.DEFAULT, 1);
      BackendException failure =
          Await.failure(client.infer("no-such-model", "", new InferInput.Texts(TEXTS)).result());
      assertThat(failure.reason()).as(replica.transport().name()).isEqualTo(Reason.BACKEND_ERROR);
      Await.result(client.close());
    }
  }

  @Test
  void backendsAnswerThroughAGrpcAndARestReplicaOfOneModel() throws Exception {
    ModelConfig svm = new ModelConfig("svm", List.of(grpc(), rest()), "LABEL", "SCORE", Duration.ofMillis(5), 8);
    Backends backends = Backends.create(Map.of("svm", svm), vertx, Clock.system(),
        BackendConfig.ofDefaults(), DeviceAwareChooser.leastOutstanding());
    try {
      for (int i = 0; i < 4; i++) {
        List<ModelAnswer> answers =
            Await.result(backends.infer("svm", "", new InferInput.Texts(List.of(TEXTS.get(i)))).result());
        assertThat(answers).extracting(ModelAnswer::label).containsExactly(LABELS.get(i));
      }
      assertThat(backends.circuitOpen("svm")).isFalse();
      assertThat(backends.status("svm"))
          .extracting(status -> status.replica().transport(), ReplicaStatus::circuit, ReplicaStatus::outstanding)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Transport.GRPC, CircuitBreaker.State.CLOSED, 0),
              org.assertj.core.groups.Tuple.tuple(Transport.REST, CircuitBreaker.State.CLOSED, 0));
    } finally {
      Await.result(backends.close());
    }
  }
}
