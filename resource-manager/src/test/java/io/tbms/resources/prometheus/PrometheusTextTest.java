package io.tbms.resources.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tbms.resources.testing.TritonFixtures;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void readsTritonCountersAndGaugesWithTheirLabels() {
    ParsedMetrics metrics = PrometheusText.parse(TritonFixtures.metrics(1));

    assertThat(metrics.problems()).isEmpty();
    assertThat(metrics.named("nv_inference_compute_infer_duration_us")).hasSize(3);
    assertThat(metrics.find("nv_inference_compute_infer_duration_us", "model", "bert").orElseThrow())
        .isEqualTo(new Sample("nv_inference_compute_infer_duration_us", Map.of("model", "bert", "version", "1"), 8_000_000));
    assertThat(metrics.find("nv_gpu_utilization", "gpu_uuid", TritonFixtures.GPU1).orElseThrow().value()).isEqualTo(0.62);
    assertThat(metrics.first("nv_cpu_utilization").orElseThrow().labels()).isEmpty();
    assertThat(metrics.first("nv_cpu_memory_total_bytes").orElseThrow().value()).isEqualTo(67_199_156_224.0);
    assertThat(metrics.type("nv_inference_exec_count")).isEqualTo(MetricType.COUNTER);
    assertThat(metrics.type("nv_gpu_utilization")).isEqualTo(MetricType.GAUGE);
    assertThat(metrics.type("not_declared")).isEqualTo(MetricType.UNTYPED);
    assertThat(metrics.help().get("nv_gpu_utilization")).isEqualTo("GPU utilization rate [0.0 - 1.0)");
  }

  @Test
  void skipsMalformedLinesAndReportsThemByLineNumber() {
    ParsedMetrics metrics = PrometheusText.parse(TritonFixtures.metrics(2));

    assertThat(metrics.problems()).extracting(ParseProblem::line).containsExactly(55, 56);
    assertThat(metrics.problems().get(0).reason()).contains("expected ',' or '}'");
    assertThat(metrics.problems().get(1).reason()).contains("'watts' is not a number");
    assertThat(metrics.named("nv_gpu_utilization")).hasSize(2);
    assertThat(metrics.first("nv_cpu_utilization").orElseThrow().value()).isEqualTo(0.30);
  }

  @Test
  void readsSpecialValuesAndTimestamps() {
    ParsedMetrics metrics = PrometheusText.parse("""
        a NaN
        b +Inf
        c -Inf 1767225600000
        d{x="1"} -1.5e-3 -12
        e 7\t
        """);

    assertThat(metrics.problems()).isEmpty();
    assertThat(metrics.first("a").orElseThrow().value()).isNaN();
    assertThat(metrics.first("b").orElseThrow().value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(metrics.first("c").orElseThrow().value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(metrics.first("c").orElseThrow().timestampMillis()).isEqualTo(OptionalLong.of(1_767_225_600_000L));
    assertThat(metrics.first("d").orElseThrow().value()).isCloseTo(-0.0015, within(1e-12));
    assertThat(metrics.first("d").orElseThrow().timestampMillis()).isEqualTo(OptionalLong.of(-12));
    assertThat(metrics.first("e").orElseThrow().timestampMillis()).isEmpty();
  }

  @Test
  void unescapesLabelValues() {
    ParsedMetrics metrics = PrometheusText.parse(
        "m{path=\"C:\\\\models\",say=\"\\\"hi\\\"\",lines=\"a\\nb\",empty=\"\",} 1\r\n");

    assertThat(metrics.problems()).isEmpty();
    assertThat(metrics.first("m").orElseThrow().labels())
        .containsEntry("path", "C:\\models").containsEntry("say", "\"hi\"").containsEntry("lines", "a\nb")
        .containsEntry("empty", "");
  }

  @Test
  void reportsEachKindOfBrokenLineWithoutStopping() {
    ParsedMetrics metrics = PrometheusText.parse(String.join("\n",
        "# TYPE x",                       // 1: no type
        "# TYPE y flux",                  // 2: unknown type
        "9lives 1",                       // 3: bad name
        "m{a=\"1\",a=\"2\"} 1",           // 4: duplicate label
        "m{a=\"open} 1",                  // 5: unterminated
        "m{a=\"\\t\"} 1",                 // 6: unknown escape
        "m 1 2 3",                        // 7: text after timestamp
        "m 0x1A",                         // 8: not a Prometheus number
        "m Infinity",                     // 9: Java spelling, not Go's
        "m",                              // 10: no value
        "m 1 soon",                       // 11: bad timestamp
        "# just a comment",               // ignored
        "",
        "ok 1"));

    assertThat(metrics.problems()).extracting(ParseProblem::line).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(metrics.samples()).extracting(Sample::name).containsExactly("ok");
  }

  @Test
  void emptyTextGivesNothing() {
    ParsedMetrics metrics = PrometheusText.parse("");
    assertThat(metrics.samples()).isEmpty();
    assertThat(metrics.problems()).isEmpty();
  }
}
