package io.tbms.broker.backend.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestInferCodecTest {

  @Test
  void namesTheVersionInThePathOnlyWhenGivenAndEscapesSegments() {
    assertThat(RestInferCodec.path("svm", "")).isEqualTo("/v2/models/svm/infer");
    assertThat(RestInferCodec.path("svm", "2")).isEqualTo("/v2/models/svm/versions/2/infer");
    assertThat(RestInferCodec.path("my model/x", "")).isEqualTo("/v2/models/my%20model%2Fx/infer");
  }

  @Test
  void passesTensorsThroughAsJsonData() {
    InferInputTensor ids = InferInputTensor.newBuilder().setName("INPUT_IDS").setDatatype("INT64")
        .addShape(1).addShape(2).setContents(InferTensorContents.newBuilder().addInt64Contents(7).addInt64Contents(9))
        .build();
    JsonObject body = new JsonObject(RestInferCodec.request(new InferInput.Tensors(List.of(ids)), AnswerOutputs.DEFAULT, 0));
    assertThat(body).isEqualTo(new JsonObject("""
        {"inputs":[{"name":"INPUT_IDS","shape":[1,2],"datatype":"INT64","data":[7,9]}],
         "outputs":[{"name":"LABEL"},{"name":"SCORE"}]}"""));
  }

  @Test
  void readsNestedDataRowMajorAndToleratesAMissingScore() {
    Buffer body = Buffer.buffer("""
        {"outputs":[{"name":"LABEL","datatype":"BYTES","shape":[2,1],"data":[["a"],["b"]]}]}""");
    assertThat(RestInferCodec.answers(body, AnswerOutputs.DEFAULT, 2))
        .containsExactly(new ModelAnswer("a", Float.NaN), new ModelAnswer("b", Float.NaN));
  }

  @Test
  void reportsKServesErrorMessageOrTheRawBody() {
    assertThat(RestInferCodec.errorMessage(Buffer.buffer("{\"error\":\"unknown model 'x'\"}"))).isEqualTo("unknown model 'x'");
    assertThat(RestInferCodec.errorMessage(Buffer.buffer("Bad Gateway"))).isEqualTo("Bad Gateway");
  }
}
