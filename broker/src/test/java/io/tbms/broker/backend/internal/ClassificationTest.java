package io.tbms.broker.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.ClassScore;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.protocol.kserve.InferParameter;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelInferResponse.InferOutputTensor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Triton's classification extension in both codecs: asking for class scores and reading them. */
class ClassificationTest {

  private static final InferInput PLAIN = new InferInput.Texts(List.of("a", "b"));
  private static final InferInput ASKING = PLAIN.withClassScores();

  private static ByteString rawBytes(String... elements) {
    ByteString.Output out = ByteString.newOutput();
    for (String element : elements) {
      byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array(), 0, 4);
      out.write(bytes, 0, bytes.length);
    }
    return out.toByteString();
  }

  private static InferOutputTensor output(String name, String datatype, long columns) {
    return InferOutputTensor.newBuilder().setName(name).setDatatype(datatype).addShape(2).addShape(columns).build();
  }

  @Test
  void grpcAsksTheScoreOutputOnlyForACallThatWantsClassScores() {
    ModelInferRequest asking = GrpcInferCodec.request("svm", "", ASKING, AnswerOutputs.DEFAULT, 0);
    assertThat(asking.getOutputs(0).getParametersMap()).isEmpty();
    assertThat(asking.getOutputs(1).getName()).isEqualTo("SCORE");
    assertThat(asking.getOutputs(1).getParametersMap())
        .containsExactly(Map.entry("classification", InferParameter.newBuilder().setInt64Param(5).build()));
    assertThat(GrpcInferCodec.request("svm", "", PLAIN, AnswerOutputs.DEFAULT, 0).getOutputs(1).getParametersMap()).isEmpty();
    assertThat(GrpcInferCodec.request("svm", "", ASKING, AnswerOutputs.DEFAULT.withClasses(0), 0)
        .getOutputs(1).getParametersMap()).isEmpty();
  }

  @Test
  void restAsksTheScoreOutputOnlyForACallThatWantsClassScores() {
    JsonObject asking = new JsonObject(RestInferCodec.request(ASKING, AnswerOutputs.DEFAULT.withClasses(3), 0));
    assertThat(asking.getJsonArray("outputs")).containsExactly(
        new JsonObject().put("name", "LABEL"),
        new JsonObject().put("name", "SCORE").put("parameters", new JsonObject().put("classification", 3)));
    JsonObject plain = new JsonObject(RestInferCodec.request(PLAIN, AnswerOutputs.DEFAULT, 0));
    assertThat(plain.getJsonArray("outputs")).containsExactly(
        new JsonObject().put("name", "LABEL"), new JsonObject().put("name", "SCORE"));
  }

  @Test
  void aModelWhoseLabelAndScoreAreOneOutputIsNeverAsked() {
    AnswerOutputs one = new AnswerOutputs("OUT", "OUT");
    assertThat(one.asksClasses(ASKING)).isFalse();
    assertThat(GrpcInferCodec.request("m", "", ASKING, one, 0).getOutputsList()).hasSize(1);
  }

  @Test
  void grpcReadsRawClassificationsBestFirstTheFirstValueBeingTheScore() {
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(output("LABEL", "BYTES", 1)).addRawOutputContents(rawBytes("oos", "timer"))
        .addOutputs(output("SCORE", "BYTES", 2))
        .addRawOutputContents(rawBytes("0.3:7:balance", "0.25:3:oos", "0.9:1:timer", "0.05:2:alarm"))
        .build();
    assertThat(GrpcInferCodec.answers(response, AnswerOutputs.DEFAULT, 2)).containsExactly(
        new ModelAnswer("oos", 0.3f, List.of(new ClassScore("balance", 0.3f), new ClassScore("oos", 0.25f))),
        new ModelAnswer("timer", 0.9f, List.of(new ClassScore("timer", 0.9f), new ClassScore("alarm", 0.05f))));
  }

  @Test
  void grpcReadsClassificationsFromBytesContentsToo() {
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(output("LABEL", "BYTES", 1).toBuilder().setContents(InferTensorContents.newBuilder()
            .addBytesContents(ByteString.copyFromUtf8("a")).addBytesContents(ByteString.copyFromUtf8("b"))))
        .addOutputs(output("SCORE", "BYTES", 1).toBuilder().setContents(InferTensorContents.newBuilder()
            .addBytesContents(ByteString.copyFromUtf8("0.5:0:a")).addBytesContents(ByteString.copyFromUtf8("0.75:1:b"))))
        .build();
    assertThat(GrpcInferCodec.answers(response, AnswerOutputs.DEFAULT, 2)).containsExactly(
        new ModelAnswer("a", 0.5f, List.of(new ClassScore("a", 0.5f))),
        new ModelAnswer("b", 0.75f, List.of(new ClassScore("b", 0.75f))));
  }

  @Test
  void restReadsClassificationsFlatOrNested() {
    Buffer body = Buffer.buffer("""
        {"outputs":[{"name":"LABEL","datatype":"BYTES","shape":[2,1],"data":["a","b"]},
                    {"name":"SCORE","datatype":"BYTES","shape":[2,2],"data":[["0.6:0:a","0.4:1:b"],["0.7:1:b","0.1:0:a"]]}]}""");
    assertThat(RestInferCodec.answers(body, AnswerOutputs.DEFAULT, 2)).containsExactly(
        new ModelAnswer("a", 0.6f, List.of(new ClassScore("a", 0.6f), new ClassScore("b", 0.4f))),
        new ModelAnswer("b", 0.7f, List.of(new ClassScore("b", 0.7f), new ClassScore("a", 0.1f))));
  }

  @Test
  void aServerThatIgnoresTheParameterGivesTheTopOneAnswer() {
    Buffer body = Buffer.buffer("""
        {"outputs":[{"name":"LABEL","datatype":"BYTES","shape":[2,1],"data":["a","b"]},
                    {"name":"SCORE","datatype":"FP32","shape":[2,1],"data":[0.5,0.25]}]}""");
    assertThat(RestInferCodec.answers(body, AnswerOutputs.DEFAULT, 2))
        .containsExactly(new ModelAnswer("a", 0.5f), new ModelAnswer("b", 0.25f));
  }

  @Test
  void entriesWithoutLabelsGiveTheTopScoreAndNoClasses() {
    // a Triton model without a labels file: class indices of different models cannot be matched
    List<ModelAnswer> answers = Classification.answers("SCORE", List.of("a", "b"),
        List.of("0.5:3", "0.25:1", "0.75:0", "0.125:2"), 2);
    assertThat(answers).containsExactly(new ModelAnswer("a", 0.5f), new ModelAnswer("b", 0.75f));
  }

  @Test
  void aLabelMayHoldColonsAndARepeatedLabelKeepsItsBestEntry() {
    List<ModelAnswer> answers = Classification.answers("SCORE", List.of("x:y"),
        List.of("0.5:0:x:y", "0.3:1:z", "0.2:2:x:y"), 1);
    assertThat(answers.get(0).classes()).containsExactly(new ClassScore("x:y", 0.5f), new ClassScore("z", 0.3f));
  }

  @Test
  void readsTheNumbersTritonWrites() {
    List<ModelAnswer> answers = Classification.answers("SCORE", List.of("a"),
        List.of("0.923412:0:a", "1.0E-5:1:b", "nan:2:c", "-inf:3:d", "7:4:e"), 1);
    assertThat(answers.get(0).classes()).extracting(ClassScore::score)
        .containsExactly(0.923412f, 1.0e-5f, Float.NaN, Float.NEGATIVE_INFINITY, 7f);
  }

  @Test
  void refusesMalformedClassificationsAsABadResponse() {
    assertBad(List.of("0.5:0:a", "0.4:1:b", "0.3:2:c"), 2, "not a multiple of 2");
    assertBad(List.of("high:0:a"), 1, "not a number");
    assertBad(List.of("no colon"), 1, "expected <value>:<index>[:<label>]");
    assertBad(List.of(":0:a"), 1, "expected <value>:<index>[:<label>]");
  }

  private static void assertBad(List<String> entries, int expected, String fragment) {
    List<String> labels = Collections.nCopies(expected, "a");
    assertThatThrownBy(() -> Classification.answers("SCORE", labels, entries, expected))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining(fragment)
        .extracting(e -> ((BackendException) e).reason()).isEqualTo(BackendException.Reason.BAD_RESPONSE);
  }
}
