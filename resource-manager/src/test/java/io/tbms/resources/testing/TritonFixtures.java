package io.tbms.resources.testing;

import io.tbms.resources.Target;
import io.tbms.resources.inventory.InstanceGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Triton-shaped metrics, two scrapes 2 s apart, of a backend with resnet50 on GPUs 0 and 1, bert on
 * GPU 1 and tokenizer on the CPU (two instances). Between the scrapes resnet50 computes 1.2 s,
 * bert restarts (its counter reads 0.4 s), tokenizer computes 0.4 s; the second scrape has two
 * malformed lines.
 */
public final class TritonFixtures {

  public static final String GPU0 = "GPU-0f2d7a3e-5c1b-4b8e-9d4a-1e6f3c2b7a90";
  public static final String GPU1 = "GPU-9a81c2d4-3e7f-4a6b-8c5d-2f1e0b9a8c7d";
  public static final Target TARGET = new Target("10.0.0.7:8001", "http://10.0.0.7:8002/metrics");

  private TritonFixtures() {}

  public static String metrics(int scrape) {
    try (InputStream in = TritonFixtures.class.getResourceAsStream("/triton/metrics-" + scrape + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Map<String, List<InstanceGroup>> models() {
    Map<String, List<InstanceGroup>> models = new LinkedHashMap<>();
    models.put("resnet50", List.of(InstanceGroup.gpu(1, 0, 1)));
    models.put("bert", List.of(InstanceGroup.gpu(1, 1)));
    models.put("tokenizer", List.of(InstanceGroup.cpu(2)));
    return models;
  }
}
