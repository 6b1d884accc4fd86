package io.tbms.broker.front;

import static io.tbms.broker.front.JsonFields.array;
import static io.tbms.broker.front.JsonFields.bad;
import static io.tbms.broker.front.JsonFields.onlyKnown;
import static io.tbms.broker.front.JsonFields.string;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest.InferInputTensor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A KServe v2 input tensor in its HTTP/REST JSON form ({@code {"name", "datatype", "shape",
 * "data"}}, data flat in row-major order) read into the gRPC message the backends get. Supports
 * BYTES (UTF-8 strings), BOOL, INT32, INT64, FP32 and FP64.
 */
final class TensorJson {

  private static final Set<String> FIELDS = Set.of("name", "datatype", "shape", "data");

  private TensorJson() {}

  static InferInputTensor input(JsonObject json, String at) {
    onlyKnown(json, at, FIELDS);
    String name = string(json, at, "name");
    if (name.isEmpty()) {
      throw bad(at + ".name", "is required");
    }
    String datatype = string(json, at, "datatype");
    InferInputTensor.Builder tensor = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
    long elements = 1;
    JsonArray shape = array(json, at, "shape");
    if (shape.isEmpty()) {
      throw bad(at + ".shape", "is required");
    }
    for (int i = 0; i < shape.size(); i++) {
      if (!(shape.getValue(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
        throw bad(at + ".shape[" + i + "]", "must be a whole number >= 0");
      }
      tensor.addShape(n.longValue());
      elements *= n.longValue();
    }
    JsonArray data = array(json, at, "data");
    if (data.size() != elements) {
      throw bad(at + ".data", "holds " + data.size() + " elements, shape " + shape.encode() + " needs " + elements);
    }
    InferTensorContents.Builder contents = tensor.getContentsBuilder();
    for (int i = 0; i < data.size(); i++) {
      Object value = data.getValue(i);
      String field = at + ".data[" + i + "]";
      switch (datatype) {
        case "BYTES" -> contents.addBytesContents(ByteString.copyFromUtf8(text(value, field)));
        case "BOOL" -> contents.addBoolContents(value instanceof Boolean b ? b : fail(field, "must be true or false"));
        case "INT32" -> contents.addIntContents((int) whole(value, field, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case "INT64" -> contents.addInt64Contents(whole(value, field, Long.MIN_VALUE, Long.MAX_VALUE));
        case "FP32" -> contents.addFp32Contents((float) real(value, field));
        case "FP64" -> contents.addFp64Contents(real(value, field));
        default -> throw bad(at + ".datatype", "must be one of BYTES, BOOL, INT32, INT64, FP32, FP64, was \"" + datatype + "\"");
      }
    }
    return tensor.build();
  }

  private static String text(Object value, String field) {
    if (value instanceof String s) {
      return s;
    }
    throw bad(field, "must be a string");
  }

  private static long whole(Object value, String field, long min, long max) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && n.doubleValue() >= min && n.doubleValue() <= max) {
      return n.longValue();
    }
    throw bad(field, "must be a whole number in " + min + ".." + max);
  }

  private static double real(Object value, String field) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw bad(field, "must be a number");
  }

  private static <T> T fail(String field, String message) {
    throw bad(field, message);
  }
}
