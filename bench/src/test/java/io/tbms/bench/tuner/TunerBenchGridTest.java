package io.tbms.bench.tuner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tbms.tuner.ProfilePoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerBenchGridTest {

  @Test
  void theSameSeedGivesTheSameGridAndAnotherSeedOtherSampledShapes() {
    TunerBenchConfig config = TunerBenchConfig.ofDefaults();
    List<String> first = names(TunerGrid.shapes(config));
    assertThat(names(TunerGrid.shapes(config))).isEqualTo(first);
    assertThat(first).hasSize(45 + 4 + TunerBenchConfig.DEFAULT_SAMPLED_SHAPES);

    TunerBenchConfig other = new TunerBenchConfig(1, config.sampledShapes(), config.maxBatchSizes(),
        config.maxReplicas(), config.qps(), config.lagTargets(), config.headroom(), 0, 2, 5);
    List<String> second = names(TunerGrid.shapes(other));
    assertThat(second.subList(0, 49)).isEqualTo(first.subList(0, 49));
    assertThat(second.subList(49, second.size())).isNotEqualTo(first.subList(49, first.size()));
  }

  @Test
  void setsLagTargetsAsMultiplesOfTheBatchOfOne() {
    TunerBenchConfig config = new TunerBenchConfig(1, 0, List.of(8), List.of(2), List.of(100.0), List.of(0.5, 2.0),
        0.8, 0, 2, 5);
    List<TunerCase> cases = TunerGrid.cases(config);

    assertThat(cases).hasSize(49 * 2);
    TunerCase first = cases.get(0);
    assertThat(first.shape().name()).isEqualTo("1+0.1*b^0.5");
    assertThat(first.lagTargetMillis()).isCloseTo(0.5 * 1.1, within(1e-9));
    assertThat(cases.get(1).lagTargetMillis()).isCloseTo(2 * 1.1, within(1e-9));
  }

  @Test
  void readsTheEmbeddingModelAsItsProfileFileHasIt() throws IOException {
    JsonNode file = new ObjectMapper().readTree(Path.of("..", "config", "profiles", "embedding.json").toFile());
    List<ProfilePoint> points = new ArrayList<>();
    file.get("points").forEach(p -> points.add(new ProfilePoint(p.get("batch_size").asInt(),
        p.get("batch_time_ms").asDouble())));
    assertThat(BatchTimeShape.EMBEDDING_POINTS).isEqualTo(points);

    BatchTimeShape embedding = BatchTimeShape.embedding();
    assertThat(embedding.at(4)).isEqualTo(37.414);
    assertThat(embedding.at(64)).isCloseTo(19.83 + 4.54 * 64, within(0.5));
  }

  @Test
  void noiseKeepsEachBatchSizeAtOneTimeWithinTheBound() {
    BatchTimeShape line = BatchTimeShape.power(5, 1, 1);
    BatchTimeShape noisy = line.withNoise(3, 42, 32);
    for (int b = 1; b <= 32; b++) {
      assertThat(noisy.at(b)).isEqualTo(noisy.at(b)).isCloseTo(line.at(b), within(0.03 * line.at(b)));
    }
    assertThat(noisy.name()).isEqualTo("5+1*b~3%");
  }

  @Test
  void namesShapesByTheirFamily() {
    assertThat(BatchTimeShape.power(1, 1, 0.5).family()).isEqualTo("concave");
    assertThat(BatchTimeShape.power(1, 1, 1).family()).isEqualTo("linear");
    assertThat(BatchTimeShape.power(1, 1, 1.3).family()).isEqualTo("convex");
    assertThat(BatchTimeShape.stairs(4, 3, 8).at(9)).isEqualTo(10.0);
    assertThat(BatchTimeShape.knee(10, 16, 0.8).at(16)).isEqualTo(10.0);
  }

  private static List<String> names(List<BatchTimeShape> shapes) {
    return shapes.stream().map(BatchTimeShape::name).toList();
  }
}
