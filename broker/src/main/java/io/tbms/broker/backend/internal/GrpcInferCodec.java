package io.tbms.broker.backend.internal;

import com.google.protobuf.ByteString;
import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.Urgency;
import io.tbms.protocol.kserve.InferParameter;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import io.tbms.protocol.kserve.ModelInferRequest.InferRequestedOutputTensor;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.protocol.kserve.ModelInferResponse.InferOutputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * KServe v2 gRPC messages for text models. Answers are read from {@code outputs[].contents} or,
 * as Triton sends them, from {@code raw_output_contents}: {@code BYTES} elements each a 4-byte
 * little-endian length and its bytes, {@code FP32}/{@code FP64} little-endian. A call that wants
 * class scores asks the score output for them with an {@code int64_param} {@code classification}.
 * A call's {@link Urgency} goes as the request parameters {@code timeout} (microseconds left when
 * it is sent) and {@code priority} (Triton's scale), both {@code int64_param}, the type every
 * Triton version reads.
 */
final class GrpcInferCodec {

  static final String TEXT_INPUT = "TEXT";
  static final String BYTES = "BYTES";
  /** Triton's request parameters: the queue timeout in microseconds, and the priority level. */
  static final String TIMEOUT = "timeout";
  static final String PRIORITY = "priority";

  private GrpcInferCodec() {}

  /** @param nowNanos the time the request is sent, on the clock of the input's {@link Urgency} */
  static ModelInferRequest request(String model, String version, InferInput input, AnswerOutputs outputs, long nowNanos) {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version);
    Urgency urgency = input.urgency();
    urgency.timeoutMicros(nowNanos).ifPresent(micros ->
        request.putParameters(TIMEOUT, InferParameter.newBuilder().setInt64Param(micros).build()));
    if (urgency.tritonPriority() > 0) {
      request.putParameters(PRIORITY, InferParameter.newBuilder().setInt64Param(urgency.tritonPriority()).build());
    }
    if (input instanceof InferInput.Texts texts) {
      InferTensorContents.Builder contents = InferTensorContents.newBuilder();
      for (String text : texts.texts()) {
        contents.addBytesContents(ByteString.copyFromUtf8(text));
      }
      request.addInputs(InferInputTensor.newBuilder()
          .setName(TEXT_INPUT).setDatatype(BYTES).addShape(texts.size()).addShape(1).setContents(contents));
    } else {
      request.addAllInputs(((InferInput.Tensors) input).tensors());
    }
    request.addOutputs(InferRequestedOutputTensor.newBuilder().setName(outputs.label()));
    if (!outputs.score().equals(outputs.label())) {
      InferRequestedOutputTensor.Builder score = InferRequestedOutputTensor.newBuilder().setName(outputs.score());
      if (outputs.asksClasses(input)) {
        score.putParameters(Classification.PARAMETER, InferParameter.newBuilder().setInt64Param(outputs.classes()).build());
      }
      request.addOutputs(score);
    }
    return request.build();
  }

  /**
   * One answer per query; a missing score output gives {@code NaN} scores, a {@code BYTES} one is
   * read as classifications ({@link Classification}).
   *
   * @throws BackendException {@code BAD_RESPONSE} when the label is missing or a count is wrong
   */
  static List<ModelAnswer> answers(ModelInferResponse response, AnswerOutputs outputs, int expected) {
    if (response.getRawOutputContentsCount() > 0 && response.getRawOutputContentsCount() != response.getOutputsCount()) {
      throw bad("raw_output_contents has " + response.getRawOutputContentsCount() + " entries for "
          + response.getOutputsCount() + " outputs");
    }
    int labelAt = indexOf(response, outputs.label());
    if (labelAt < 0) {
      throw bad("the response lacks output '" + outputs.label() + "'");
    }
    List<String> labels = strings(response, labelAt);
    checkCount(outputs.label(), labels.size(), expected);
    int scoreAt = indexOf(response, outputs.score());
    if (scoreAt >= 0 && scoreAt != labelAt && BYTES.equals(response.getOutputs(scoreAt).getDatatype())) {
      return Classification.answers(outputs.score(), labels, strings(response, scoreAt), expected);
    }
    float[] scores = new float[expected];
    if (scoreAt < 0) {
      Arrays.fill(scores, Float.NaN);
    } else {
      scores = scores(response, scoreAt);
      checkCount(outputs.score(), scores.length, expected);
    }
    List<ModelAnswer> answers = new ArrayList<>(expected);
    for (int i = 0; i < expected; i++) {
      answers.add(new ModelAnswer(labels.get(i), scores[i]));
    }
    return answers;
  }

  private static int indexOf(ModelInferResponse response, String name) {
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (response.getOutputs(i).getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> strings(ModelInferResponse response, int at) {
    InferOutputTensor output = response.getOutputs(at);
    if (!BYTES.equals(output.getDatatype())) {
      throw bad("output '" + output.getName() + "' has datatype " + output.getDatatype() + ", expected BYTES");
    }
    List<String> labels = new ArrayList<>();
    if (response.getRawOutputContentsCount() > 0) {
      ByteBuffer raw = response.getRawOutputContents(at).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      while (raw.hasRemaining()) {
        long length = raw.remaining() < 4 ? -1 : Integer.toUnsignedLong(raw.getInt());
        if (length < 0 || length > raw.remaining()) {
          throw bad("raw contents of output '" + output.getName() + "' end inside an element");
        }
        byte[] bytes = new byte[(int) length];
        raw.get(bytes);
        labels.add(new String(bytes, StandardCharsets.UTF_8));
      }
    } else {
      for (ByteString element : output.getContents().getBytesContentsList()) {
        labels.add(element.toStringUtf8());
      }
    }
    return labels;
  }

  private static float[] scores(ModelInferResponse response, int at) {
    InferOutputTensor output = response.getOutputs(at);
    boolean fp64 = "FP64".equals(output.getDatatype());
    if (!fp64 && !"FP32".equals(output.getDatatype())) {
      throw bad("output '" + output.getName() + "' has datatype " + output.getDatatype() + ", expected FP32 or FP64");
    }
    if (response.getRawOutputContentsCount() > 0) {
      ByteBuffer raw = response.getRawOutputContents(at).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      int width = fp64 ? 8 : 4;
      if (raw.remaining() % width != 0) {
        throw bad("raw contents of output '" + output.getName() + "' are not a whole number of " + output.getDatatype());
      }
      float[] scores = new float[raw.remaining() / width];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = fp64 ? (float) raw.getDouble() : raw.getFloat();
      }
      return scores;
    }
    InferTensorContents contents = output.getContents();
    int n = fp64 ? contents.getFp64ContentsCount() : contents.getFp32ContentsCount();
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = fp64 ? (float) contents.getFp64Contents(i) : contents.getFp32Contents(i);
    }
    return scores;
  }

  private static void checkCount(String output, int count, int expected) {
    if (count != expected) {
      throw bad("output '" + output + "' has " + count + " elements, expected " + expected);
    }
  }

  private static BackendException bad(String message) {
    return new BackendException(BackendException.Reason.BAD_RESPONSE, message);
  }
}
