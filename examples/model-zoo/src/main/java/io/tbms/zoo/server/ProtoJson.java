package io.tbms.zoo.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Protobuf messages as the JSON Triton's HTTP API prints: proto field names, enum names, and
 * 64-bit integers as JSON numbers (protobuf's canonical JSON would quote them, which typed KServe
 * clients do not expect). Fields at their default value are left out.
 */
final class ProtoJson {

  private ProtoJson() {}

  static JsonObject toJson(Message message) {
    JsonObject json = new JsonObject();
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.isMapField()) {
        JsonObject map = new JsonObject();
        for (Object item : (List<?>) entry.getValue()) {
          Message pair = (Message) item;
          FieldDescriptor key = pair.getDescriptorForType().findFieldByName("key");
          FieldDescriptor value = pair.getDescriptorForType().findFieldByName("value");
          map.put(String.valueOf(pair.getField(key)), value(value, pair.getField(value)));
        }
        json.put(field.getName(), map);
      } else if (field.isRepeated()) {
        JsonArray array = new JsonArray();
        for (Object item : (List<?>) entry.getValue()) {
          array.add(value(field, item));
        }
        json.put(field.getName(), array);
      } else {
        json.put(field.getName(), value(field, entry.getValue()));
      }
    }
    return json;
  }

  private static Object value(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case MESSAGE -> toJson((Message) value);
      case ENUM -> ((EnumValueDescriptor) value).getName();
      case BYTE_STRING -> Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
      default -> value;
    };
  }
}
