package io.tbms.broker.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelInferResponse.InferOutputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrpcInferCodecTest {

  private static ByteString rawBytes(String... elements) {
    ByteString.Output out = ByteString.newOutput();
    for (String element : elements) {
      byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array(), 0, 4);
      out.write(bytes, 0, bytes.length);
    }
    return out.toByteString();
  }

  private static ByteString rawFloats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      buffer.putFloat(value);
    }
    return ByteString.copyFrom(buffer.array());
  }

  private static InferOutputTensor output(String name, String datatype) {
    return InferOutputTensor.newBuilder().setName(name).setDatatype(datatype).addShape(2).addShape(1).build();
  }

  @Test
  void readsTritonsRawOutputContentsWhateverTheOutputOrder() {
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(output("SCORE", "FP32")).addRawOutputContents(rawFloats(0.25f, 0.5f))
        .addOutputs(output("LABEL", "BYTES")).addRawOutputContents(rawBytes("météo", "timer"))
        .build();
    assertThat(GrpcInferCodec.answers(response, AnswerOutputs.DEFAULT, 2))
        .containsExactly(new ModelAnswer("météo", 0.25f), new ModelAnswer("timer", 0.5f));
  }

  @Test
  void readsTheOutputsTheRegistryNames() {
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(output("CLASS", "BYTES").toBuilder().setContents(InferTensorContents.newBuilder()
            .addBytesContents(ByteString.copyFromUtf8("a")).addBytesContents(ByteString.copyFromUtf8("b"))))
        .addOutputs(output("PROB", "FP64").toBuilder().setContents(InferTensorContents.newBuilder()
            .addFp64Contents(0.5).addFp64Contents(1.0)))
        .build();
    assertThat(GrpcInferCodec.answers(response, new AnswerOutputs("CLASS", "PROB"), 2))
        .containsExactly(new ModelAnswer("a", 0.5f), new ModelAnswer("b", 1f));
  }

  @Test
  void aMissingScoreGivesNaNScores() {
    ModelInferResponse response = ModelInferResponse.newBuilder()
        .addOutputs(output("LABEL", "BYTES")).addRawOutputContents(rawBytes("a", "b")).build();
    assertThat(GrpcInferCodec.answers(response, AnswerOutputs.DEFAULT, 2))
        .extracting(ModelAnswer::score).containsExactly(Float.NaN, Float.NaN);
  }

  @Test
  void refusesRawContentsCutShortOrTheWrongCount() {
    ByteString truncated = rawBytes("weather").substring(0, 6);
    ModelInferResponse cut = ModelInferResponse.newBuilder()
        .addOutputs(output("LABEL", "BYTES")).addRawOutputContents(truncated).build();
    assertThatThrownBy(() -> GrpcInferCodec.answers(cut, AnswerOutputs.DEFAULT, 1))
        .isInstanceOfSatisfying(BackendException.class,
            e -> assertThat(e.reason()).isEqualTo(BackendException.Reason.BAD_RESPONSE));
    ModelInferResponse three = ModelInferResponse.newBuilder()
        .addOutputs(output("LABEL", "BYTES")).addRawOutputContents(rawBytes("a", "b", "c")).build();
    assertThatThrownBy(() -> GrpcInferCodec.answers(three, AnswerOutputs.DEFAULT, 2))
        .hasMessageContaining("3 elements, expected 2");
  }

  @Test
  void sendsTextsAsOneBytesInputAndPassesTensorsThrough() {
    ModelInferRequest texts = GrpcInferCodec.request("svm", "1", new InferInput.Texts(List.of("a", "b")), AnswerOutputs.DEFAULT, 0);
    assertThat(texts.getInputsList()).singleElement().satisfies(input -> {
      assertThat(input.getName()).isEqualTo("TEXT");
      assertThat(input.getShapeList()).containsExactly(2L, 1L);
      assertThat(input.getContents().getBytesContentsList())
          .containsExactly(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("b"));
    });
    InferInputTensor tensor = InferInputTensor.newBuilder().setName("INPUT_IDS").setDatatype("INT64")
        .addShape(1).addShape(3).setContents(InferTensorContents.newBuilder().addInt64Contents(7)).build();
    ModelInferRequest tensors = GrpcInferCodec.request("bert", "", new InferInput.Tensors(List.of(tensor)), AnswerOutputs.DEFAULT, 0);
    assertThat(tensors.getInputsList()).containsExactly(tensor);
    assertThat(tensors.getOutputsList()).extracting(o -> o.getName()).containsExactly("LABEL", "SCORE");
  }
}
