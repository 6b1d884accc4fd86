package io.tbms.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The targets the bench can drive, by their command-line names.
 *
 * <ul>
 *   <li>{@code broker}: the broker's {@code POST /v1/try} with the full chain;
 *   <li>{@code embedding-only}: the best model alone, with the budget as a client deadline;
 *   <li>{@code static-fallback}: one model after another, each limited to its estimate;
 *   <li>{@code fire-all}: all models at once, the best-ranked answer by the deadline;
 *   <li>{@code direct-svm} and {@code broker-svm-only}: the same single model direct and through
 *       the broker, at one moderate load, to measure what the broker adds.
 * </ul>
 */
enum TargetKind {
  BROKER("broker"),
  EMBEDDING_ONLY("embedding-only"),
  STATIC_FALLBACK("static-fallback"),
  FIRE_ALL("fire-all"),
  DIRECT_SVM("direct-svm"),
  BROKER_SVM_ONLY("broker-svm-only");

  private final String id;

  TargetKind(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  /** Whether the target goes through the broker (and needs it running). */
  boolean viaBroker() {
    return this == BROKER || this == BROKER_SVM_ONLY;
  }

  /** Whether the target belongs to the broker-overhead pair, run only at the overhead load. */
  boolean overheadPair() {
    return this == DIRECT_SVM || this == BROKER_SVM_ONLY;
  }

  static TargetKind parse(String id) {
    String wanted = id.trim();
    return Arrays.stream(values())
        .filter(k -> k.id.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown target '" + id + "'; known: " + ids(List.of(values()))));
  }

  static String ids(List<TargetKind> kinds) {
    return kinds.stream().map(TargetKind::id).collect(Collectors.joining(","));
  }
}
