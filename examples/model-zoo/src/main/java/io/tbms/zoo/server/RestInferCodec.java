package io.tbms.zoo.server;

import io.tbms.zoo.batching.QueueTerms;
import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.repository.TextSignature;
import io.tbms.zoo.runtime.InferenceException;
import io.tbms.zoo.runtime.TextInferCall;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * KServe v2 HTTP/REST inference JSON for text models: decodes a request body into a
 * {@link TextInferCall} (refusing bad input with a message that names the field) and encodes the
 * predictions as the response body. {@code data} may be flat or nested row-major, as KServe allows.
 * An output may carry {@code "parameters": {"classification": k}} (see {@link TextSignature}); the
 * classifications come back flat, row-major. The body's {@code parameters.priority} and
 * {@code parameters.timeout} (µs) give the request's {@link QueueTerms}, as Triton reads them.
 */
final class RestInferCodec {

  private RestInferCodec() {}

  static TextInferCall decode(String model, int maxBatchSize, Buffer body) {
    if (body == null || body.length() == 0) {
      throw InferenceException.invalid("malformed JSON request body: empty");
    }
    JsonObject request;
    try {
      request = body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw InferenceException.invalid("malformed JSON request body: " + firstLine(e.getMessage()));
    }
    if (request == null) {
      throw InferenceException.invalid("malformed JSON request body: empty");
    }
    String id = optionalString(request, "id");
    JsonArray inputs = array(request, "inputs", true);
    TextSignature.checkInputCount(model, inputs.size());
    JsonObject input = object(inputs.getValue(0), "inputs[0]");
    String name = requiredString(input, "inputs[0].name");
    String datatype = requiredString(input, "inputs[0].datatype");
    List<Long> shape = new ArrayList<>();
    for (Object dim : array(input, "shape", true)) {
      if (!(dim instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw InferenceException.invalid("inputs[0].shape must be an array of integers, got " + input.getValue("shape"));
      }
      shape.add(n.longValue());
    }
    List<String> texts = new ArrayList<>();
    Object data = input.getValue("data");
    if (data == null) {
      throw InferenceException.invalid("inputs[0].data is missing for input '" + name + "'");
    }
    flatten(data, texts, "inputs[0].data");
    TextSignature.checkInput(model, name, datatype, shape, texts.size(), maxBatchSize);
    List<String> outputs = new ArrayList<>();
    int classification = 0;
    JsonArray requested = array(request, "outputs", false);
    if (requested != null) {
      for (int i = 0; i < requested.size(); i++) {
        JsonObject output = object(requested.getValue(i), "outputs[" + i + "]");
        String outputName = requiredString(output, "outputs[" + i + "].name");
        outputs.add(outputName);
        Long count = classification(output, "outputs[" + i + "].parameters");
        if (count != null) {
          classification = TextSignature.checkClassification(model, outputName, count);
        }
      }
    }
    return new TextInferCall(id, texts, TextSignature.checkOutputs(model, outputs), classification, terms(request));
  }

  /**
   * The body's {@code parameters.priority} and {@code parameters.timeout} (microseconds), each a
   * non-negative integer when present, as Triton reads them.
   */
  private static QueueTerms terms(JsonObject request) {
    Object parameters = request.getValue("parameters");
    if (parameters == null) {
      return QueueTerms.NONE;
    }
    if (!(parameters instanceof JsonObject map)) {
      throw InferenceException.invalid("field 'parameters' must be an object");
    }
    return new QueueTerms(integer(map, QueueTerms.PRIORITY), integer(map, QueueTerms.TIMEOUT));
  }

  /** {@code parameters.<name>}, a non-negative integer; 0 when absent. */
  private static long integer(JsonObject parameters, String name) {
    Object value = parameters.getValue(name);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw InferenceException.invalid("field 'parameters." + name + "' must be an integer, got " + value);
    }
    if (n.longValue() < 0) {
      throw InferenceException.invalid("field 'parameters." + name + "' must be >= 0, was " + n.longValue());
    }
    return n.longValue();
  }

  /** The output's {@code parameters.classification}, an integer; null when absent. */
  private static Long classification(JsonObject output, String field) {
    Object parameters = output.getValue("parameters");
    if (parameters == null) {
      return null;
    }
    if (!(parameters instanceof JsonObject map)) {
      throw InferenceException.invalid("field '" + field + "' must be an object");
    }
    Object value = map.getValue(TextSignature.CLASSIFICATION);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw InferenceException.invalid(
          "field '" + field + "." + TextSignature.CLASSIFICATION + "' must be an integer, got " + value);
    }
    return n.longValue();
  }

  /**
   * @throws InferenceException {@code INTERNAL} when classifications were asked and the model
   *     listed different numbers of classes per utterance
   */
  static JsonObject encode(String model, String version, TextInferCall call, List<Prediction> predictions) {
    JsonArray outputs = new JsonArray();
    for (String name : call.outputs()) {
      JsonArray data = new JsonArray();
      int columns = 1;
      String datatype = TextSignature.BYTES;
      if (TextSignature.LABEL.equals(name)) {
        predictions.forEach(p -> data.add(p.label()));
      } else if (call.classification() > 0) {
        Classifications classes = Classifications.of(predictions, call.classification());
        classes.elements().forEach(data::add);
        columns = classes.perRow();
      } else {
        predictions.forEach(p -> data.add(p.score()));
        datatype = TextSignature.FP32;
      }
      JsonArray shape = new JsonArray().add(predictions.size()).add(columns);
      outputs.add(new JsonObject().put("name", name).put("datatype", datatype).put("shape", shape).put("data", data));
    }
    JsonObject response = new JsonObject().put("model_name", model).put("model_version", version);
    if (!call.id().isEmpty()) {
      response.put("id", call.id());
    }
    return response.put("outputs", outputs);
  }

  private static void flatten(Object data, List<String> texts, String field) {
    if (data instanceof JsonArray array) {
      for (Object element : array) {
        flatten(element, texts, field);
      }
    } else if (data instanceof String s) {
      texts.add(s);
    } else {
      throw InferenceException.invalid(field + " must hold strings for datatype BYTES, got " + data);
    }
  }

  private static JsonArray array(JsonObject object, String field, boolean required) {
    Object value = object.getValue(field);
    if (value == null) {
      if (required) {
        throw InferenceException.invalid("missing field '" + field + "' in inference request");
      }
      return null;
    }
    if (!(value instanceof JsonArray array)) {
      throw InferenceException.invalid("field '" + field + "' must be an array");
    }
    return array;
  }

  private static JsonObject object(Object value, String field) {
    if (!(value instanceof JsonObject object)) {
      throw InferenceException.invalid(field + " must be an object");
    }
    return object;
  }

  private static String requiredString(JsonObject object, String field) {
    String key = field.substring(field.lastIndexOf('.') + 1);
    Object value = object.getValue(key);
    if (value == null) {
      throw InferenceException.invalid("missing field '" + field + "' in inference request");
    }
    if (!(value instanceof String s)) {
      throw InferenceException.invalid("field '" + field + "' must be a string");
    }
    return s;
  }

  private static String optionalString(JsonObject object, String field) {
    Object value = object.getValue(field);
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      throw InferenceException.invalid("field '" + field + "' must be a string");
    }
    return s;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
