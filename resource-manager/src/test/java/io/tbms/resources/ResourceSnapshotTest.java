package io.tbms.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSnapshotTest {

  private static final DeviceOccupancy GPU0 = new DeviceOccupancy("h/gpu0", "gpu0", DeviceKind.GPU,
      "http://h:8002/metrics", 0.5, 0.5, Map.of("svm", 0.1, "embedding", 0.3), 0.1, 10, 100, 42, false);

  @Test
  void servesSnakeCaseJson() {
    ResourceSnapshot snapshot = new ResourceSnapshot(List.of(GPU0),
        List.of(new ReplicaPlacement("embedding", "h:8001", List.of("h/gpu0"), false)),
        List.of(new PlacementAdvice(PlacementAdvice.Kind.ADD_DEVICE, List.of("embedding"), List.of("h/gpu0"), null,
            List.of(), "hot")), 99);

    JsonObject json = snapshot.toJson();

    assertThat(json.fieldNames()).containsExactly("devices", "replicas", "advice", "at_wall_millis");
    JsonObject device = json.getJsonArray("devices").getJsonObject(0);
    assertThat(device.fieldNames()).containsExactly("id", "name", "kind", "backend", "used", "free", "models",
        "unattributed", "memory_used_bytes", "memory_total_bytes", "sampled_at_wall_millis", "down");
    assertThat(device.getJsonObject("models").fieldNames()).containsExactly("embedding", "svm");
    assertThat(json.getJsonArray("replicas").getJsonObject(0).getJsonArray("device_ids").getString(0)).isEqualTo("h/gpu0");
    JsonObject advice = json.getJsonArray("advice").getJsonObject(0);
    assertThat(advice.getString("kind")).isEqualTo("ADD_DEVICE");
    assertThat(advice.containsKey("to_device")).isTrue();
    assertThat(advice.getString("to_device")).isNull();
    assertThat(advice.getJsonArray("freed_devices")).isEmpty();
  }

  @Test
  void devicesAndReplicasSurviveAJsonRoundTrip() {
    assertThat(DeviceOccupancy.fromJson(new JsonObject(GPU0.toJson().encode()))).isEqualTo(GPU0);
    ReplicaPlacement replica = new ReplicaPlacement("svm", "h:8001", List.of("h/cpu"), true);
    assertThat(ReplicaPlacement.fromJson(new JsonObject(replica.toJson().encode()))).isEqualTo(replica);
  }
}
