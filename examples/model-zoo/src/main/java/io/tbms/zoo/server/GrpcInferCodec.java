package io.tbms.zoo.server;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.InferParameter;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.tbms.zoo.batching.QueueTerms;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.repository.TextSignature;
import io.tbms.zoo.runtime.InferenceException;
import io.tbms.zoo.runtime.TextInferCall;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * KServe v2 gRPC inference messages for text models. {@code BYTES} input may come in
 * {@code contents.bytes_contents} or in {@code raw_input_contents} (Triton's encoding: each element
 * a 4-byte little-endian length and its bytes). Responses use {@code raw_output_contents}, as
 * Triton's do: {@code LABEL} in that BYTES encoding, {@code SCORE} as little-endian FP32, or as
 * classification strings in the BYTES encoding when the request gives it an {@code int64_param}
 * {@code classification} (see {@link TextSignature}). Request parameters {@code priority} and
 * {@code timeout} (µs) give the request's {@link QueueTerms}, as Triton reads them.
 */
final class GrpcInferCodec {

  private GrpcInferCodec() {}

  static TextInferCall decode(String model, int maxBatchSize, ModelInferRequest request) {
    TextSignature.checkInputCount(model, request.getInputsCount());
    ModelInferRequest.InferInputTensor input = request.getInputs(0);
    List<ByteString> elements;
    if (request.getRawInputContentsCount() > 0) {
      if (request.getRawInputContentsCount() != request.getInputsCount()) {
        throw InferenceException.invalid(
            "raw_input_contents must hold one entry per input, got " + request.getRawInputContentsCount());
      }
      if (input.hasContents()) {
        throw InferenceException.invalid(
            "input '" + input.getName() + "' has both contents and raw_input_contents");
      }
      elements = splitRawBytes(input.getName(), request.getRawInputContents(0));
    } else {
      elements = input.getContents().getBytesContentsList();
    }
    TextSignature.checkInput(model, input.getName(), input.getDatatype(), input.getShapeList(), elements.size(), maxBatchSize);
    List<String> texts = new ArrayList<>(elements.size());
    for (ByteString element : elements) {
      texts.add(utf8(input.getName(), element));
    }
    List<String> outputs = new ArrayList<>();
    int classification = 0;
    for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
      outputs.add(output.getName());
      InferParameter parameter = output.getParametersMap().get(TextSignature.CLASSIFICATION);
      if (parameter != null) {
        if (parameter.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.INT64_PARAM) {
          throw InferenceException.invalid("parameter '" + TextSignature.CLASSIFICATION + "' of output '"
              + output.getName() + "' must be an int64_param, was "
              + parameter.getParameterChoiceCase().name().toLowerCase(Locale.ROOT));
        }
        classification = TextSignature.checkClassification(model, output.getName(), parameter.getInt64Param());
      }
    }
    return new TextInferCall(
        request.getId(), texts, TextSignature.checkOutputs(model, outputs), classification, terms(request));
  }

  /**
   * The request parameters {@code priority} ({@code int64_param} or {@code uint64_param}, at least
   * 0) and {@code timeout} ({@code int64_param}, microseconds, at least 0), as Triton reads them.
   */
  static QueueTerms terms(ModelInferRequest request) {
    InferParameter priority = request.getParametersMap().get(QueueTerms.PRIORITY);
    InferParameter timeout = request.getParametersMap().get(QueueTerms.TIMEOUT);
    long level = 0;
    if (priority != null) {
      switch (priority.getParameterChoiceCase()) {
        case INT64_PARAM -> level = priority.getInt64Param();
        case UINT64_PARAM -> level = priority.getUint64Param() < 0 ? Long.MAX_VALUE : priority.getUint64Param();
        default -> throw InferenceException.invalid("parameter '" + QueueTerms.PRIORITY
            + "' must be an int64_param or a uint64_param, was " + choice(priority));
      }
    }
    long micros = 0;
    if (timeout != null) {
      if (timeout.getParameterChoiceCase() != InferParameter.ParameterChoiceCase.INT64_PARAM) {
        throw InferenceException.invalid("parameter '" + QueueTerms.TIMEOUT
            + "' must be an int64_param (microseconds), was " + choice(timeout));
      }
      micros = timeout.getInt64Param();
    }
    if (level < 0) {
      throw InferenceException.invalid("parameter '" + QueueTerms.PRIORITY + "' must be >= 0, was " + level);
    }
    if (micros < 0) {
      throw InferenceException.invalid("parameter '" + QueueTerms.TIMEOUT + "' must be >= 0 microseconds, was " + micros);
    }
    return new QueueTerms(level, micros);
  }

  private static String choice(InferParameter parameter) {
    return parameter.getParameterChoiceCase().name().toLowerCase(Locale.ROOT);
  }

  static ModelInferResponse encode(String model, String version, TextInferCall call, List<Prediction> predictions) {
    ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
        .setModelName(model)
        .setModelVersion(version)
        .setId(call.id());
    for (String name : call.outputs()) {
      ModelInferResponse.InferOutputTensor.Builder output =
          ModelInferResponse.InferOutputTensor.newBuilder().setName(name).addShape(predictions.size());
      if (TextSignature.LABEL.equals(name)) {
        output.setDatatype(TextSignature.BYTES).addShape(1);
        response.addRawOutputContents(rawStrings(predictions.stream().map(Prediction::label).toList()));
      } else if (call.classification() > 0) {
        Classifications classes = Classifications.of(predictions, call.classification());
        output.setDatatype(TextSignature.BYTES).addShape(classes.perRow());
        response.addRawOutputContents(rawStrings(classes.elements()));
      } else {
        output.setDatatype(TextSignature.FP32).addShape(1);
        response.addRawOutputContents(rawScores(predictions));
      }
      response.addOutputs(output);
    }
    return response.build();
  }

  private static ByteString rawStrings(List<String> elements) {
    ByteString.Output out = ByteString.newOutput();
    ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    for (String element : elements) {
      byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
      length.clear();
      out.write(length.putInt(bytes.length).array(), 0, 4);
      out.write(bytes, 0, bytes.length);
    }
    return out.toByteString();
  }

  private static ByteString rawScores(List<Prediction> predictions) {
    ByteBuffer scores = ByteBuffer.allocate(4 * predictions.size()).order(ByteOrder.LITTLE_ENDIAN);
    for (Prediction p : predictions) {
      scores.putFloat(p.score());
    }
    return ByteString.copyFrom(scores.array());
  }

  /** Splits Triton's raw BYTES encoding: repeated (uint32 little-endian length, bytes). */
  static List<ByteString> splitRawBytes(String input, ByteString raw) {
    List<ByteString> elements = new ArrayList<>();
    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    while (buffer.hasRemaining()) {
      if (buffer.remaining() < 4) {
        throw InferenceException.invalid("raw_input_contents of input '" + input + "' ends inside an element length");
      }
      long length = Integer.toUnsignedLong(buffer.getInt());
      if (length > buffer.remaining()) {
        throw InferenceException.invalid(
            "raw_input_contents of input '" + input + "' declares an element of " + length
                + " bytes but only " + buffer.remaining() + " remain");
      }
      int start = buffer.position();
      elements.add(raw.substring(start, start + (int) length));
      buffer.position(start + (int) length);
    }
    return elements;
  }

  private static String utf8(String input, ByteString element) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(element.asReadOnlyByteBuffer())
          .toString();
    } catch (CharacterCodingException e) {
      throw InferenceException.invalid("input '" + input + "' holds an element that is not valid UTF-8");
    }
  }
}
