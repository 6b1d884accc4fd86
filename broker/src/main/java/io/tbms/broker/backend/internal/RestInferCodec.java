package io.tbms.broker.backend.internal;

import com.google.protobuf.ByteString;
import io.tbms.broker.backend.AnswerOutputs;
import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.Urgency;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KServe v2 HTTP/REST inference bodies: the request JSON, the answer read back from
 * {@code outputs[].data} (flattened, row-major), and the server's {@code error} message. A call
 * that wants class scores asks the score output for them with {@code "parameters":
 * {"classification": k}}. A call's {@link Urgency} goes as the request's {@code "parameters":
 * {"timeout": µs left when it is sent, "priority": Triton's level}}.
 */
final class RestInferCodec {

  private RestInferCodec() {}

  static String path(String model, String version) {
    String path = "/v2/models/" + segment(model);
    if (!version.isEmpty()) {
      path += "/versions/" + segment(version);
    }
    return path + "/infer";
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** @param nowNanos the time the request is sent, on the clock of the input's {@link Urgency} */
  static Buffer request(InferInput input, AnswerOutputs outputs, long nowNanos) {
    JsonArray inputs = new JsonArray();
    if (input instanceof InferInput.Texts texts) {
      inputs.add(new JsonObject()
          .put("name", GrpcInferCodec.TEXT_INPUT)
          .put("shape", new JsonArray().add(texts.size()).add(1))
          .put("datatype", GrpcInferCodec.BYTES)
          .put("data", new JsonArray(new ArrayList<Object>(texts.texts()))));
    } else {
      for (InferInputTensor tensor : ((InferInput.Tensors) input).tensors()) {
        inputs.add(new JsonObject()
            .put("name", tensor.getName())
            .put("shape", new JsonArray(new ArrayList<Object>(tensor.getShapeList())))
            .put("datatype", tensor.getDatatype())
            .put("data", data(tensor.getContents())));
      }
    }
    JsonArray requested = new JsonArray().add(new JsonObject().put("name", outputs.label()));
    if (!outputs.score().equals(outputs.label())) {
      JsonObject score = new JsonObject().put("name", outputs.score());
      if (outputs.asksClasses(input)) {
        score.put("parameters", new JsonObject().put(Classification.PARAMETER, outputs.classes()));
      }
      requested.add(score);
    }
    JsonObject body = new JsonObject().put("inputs", inputs).put("outputs", requested);
    JsonObject parameters = new JsonObject();
    Urgency urgency = input.urgency();
    urgency.timeoutMicros(nowNanos).ifPresent(micros -> parameters.put(GrpcInferCodec.TIMEOUT, micros));
    if (urgency.tritonPriority() > 0) {
      parameters.put(GrpcInferCodec.PRIORITY, urgency.tritonPriority());
    }
    if (!parameters.isEmpty()) {
      body.put("parameters", parameters);
    }
    return body.toBuffer();
  }

  private static JsonArray data(InferTensorContents contents) {
    List<Object> data = new ArrayList<>();
    for (ByteString element : contents.getBytesContentsList()) {
      data.add(element.toStringUtf8());
    }
    data.addAll(contents.getBoolContentsList());
    data.addAll(contents.getIntContentsList());
    data.addAll(contents.getInt64ContentsList());
    data.addAll(contents.getUintContentsList());
    data.addAll(contents.getUint64ContentsList());
    data.addAll(contents.getFp32ContentsList());
    data.addAll(contents.getFp64ContentsList());
    return new JsonArray(data);
  }

  /** The {@code error} of a KServe error body, else the body itself (cut short). */
  static String errorMessage(Buffer body) {
    try {
      Object error = new JsonObject(body).getValue("error");
      if (error != null) {
        return error.toString();
      }
    } catch (DecodeException | ClassCastException e) {
      // not KServe's error shape: report the raw body
    }
    String text = body.toString(StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /**
   * One answer per query; a missing score output gives {@code NaN} scores, a {@code BYTES} one
   * (strings) is read as classifications ({@link Classification}).
   *
   * @throws BackendException {@code BAD_RESPONSE} for a body that is not the expected JSON
   */
  static List<ModelAnswer> answers(Buffer body, AnswerOutputs outputs, int expected) {
    JsonArray all;
    try {
      all = new JsonObject(body).getJsonArray("outputs");
    } catch (DecodeException | ClassCastException e) {
      throw bad("the response is not a KServe v2 JSON object with outputs: " + e.getMessage());
    }
    if (all == null) {
      throw bad("the response has no outputs");
    }
    List<Object> labels = data(all, outputs.label());
    if (labels == null) {
      throw bad("the response lacks output '" + outputs.label() + "'");
    }
    checkCount(outputs.label(), labels.size(), expected);
    List<Object> scores = data(all, outputs.score());
    if (scores != null && !outputs.score().equals(outputs.label()) && !scores.isEmpty()
        && scores.get(0) instanceof String) {
      return Classification.answers(outputs.score(), strings(outputs.label(), labels),
          strings(outputs.score(), scores), expected);
    }
    if (scores != null) {
      checkCount(outputs.score(), scores.size(), expected);
    }
    List<ModelAnswer> answers = new ArrayList<>(expected);
    for (int i = 0; i < expected; i++) {
      if (!(labels.get(i) instanceof String label)) {
        throw bad("output '" + outputs.label() + "' holds a non-string element: " + labels.get(i));
      }
      float score = Float.NaN;
      if (scores != null) {
        if (!(scores.get(i) instanceof Number number)) {
          throw bad("output '" + outputs.score() + "' holds a non-number element: " + scores.get(i));
        }
        score = number.floatValue();
      }
      answers.add(new ModelAnswer(label, score));
    }
    return answers;
  }

  private static List<String> strings(String output, List<Object> elements) {
    List<String> strings = new ArrayList<>(elements.size());
    for (Object element : elements) {
      if (!(element instanceof String string)) {
        throw bad("output '" + output + "' holds a non-string element: " + element);
      }
      strings.add(string);
    }
    return strings;
  }

  private static List<Object> data(JsonArray outputs, String name) {
    for (Object entry : outputs) {
      if (entry instanceof JsonObject output && name.equals(output.getValue("name"))) {
        List<Object> flat = new ArrayList<>();
        flatten(output.getValue("data"), flat);
        return flat;
      }
    }
    return null;
  }

  private static void flatten(Object data, List<Object> into) {
    if (data instanceof JsonArray array) {
      for (Object element : array) {
        flatten(element, into);
      }
    } else if (data != null) {
      into.add(data);
    }
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
