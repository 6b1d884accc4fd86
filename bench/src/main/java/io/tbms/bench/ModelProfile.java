package io.tbms.bench;

import java.util.Objects;

/**
 * One model as the capacity oracle sees it, measured directly over KServe v2 before the grid runs:
 * its idle latency, and whether it labels each of the first {@code correct.length} utterances of
 * the {@link QuerySet} right. Immutable.
 */
final class ModelProfile {

  private final String model;
  private final double idleP50Ms;
  private final boolean[] correct;
  private final int errors;

  /**
   * @param model the model's name on the model server
   * @param idleP50Ms median latency of sequential calls on an idle server, in milliseconds
   * @param correct per query index {@code 0..n-1} of the query set: whether the model's label was
   *     the gold label (a failed call counts as not correct)
   * @param errors how many of those calls failed
   */
  ModelProfile(String model, double idleP50Ms, boolean[] correct, int errors) {
    this.model = Objects.requireNonNull(model, "model");
    if (!(idleP50Ms >= 0)) {
      throw new IllegalArgumentException("idleP50Ms must be >= 0, was " + idleP50Ms + " (" + model + ")");
    }
    if (errors < 0 || errors > correct.length) {
      throw new IllegalArgumentException("errors must be in 0.." + correct.length + ", was " + errors);
    }
    this.idleP50Ms = idleP50Ms;
    this.correct = correct.clone();
    this.errors = errors;
  }

  String model() {
    return model;
  }

  double idleP50Ms() {
    return idleP50Ms;
  }

  /** How many utterances were labelled. */
  int measured() {
    return correct.length;
  }

  /** Correct labels over all utterances measured; 0 when none were. */
  double accuracy() {
    int c = 0;
    for (boolean b : correct) {
      c += b ? 1 : 0;
    }
    return correct.length == 0 ? 0 : (double) c / correct.length;
  }

  /**
   * Accuracy over the utterances a run's window sends: indices {@code [from, to)} cycling through
   * a query set of {@code querySetSize}, counting only the measured ones (all of them when the
   * whole set was measured); the overall {@link #accuracy()} when the window holds none of them.
   */
  double accuracyOver(MeasuredWindow window, int querySetSize) {
    if (querySetSize < 1) {
      throw new IllegalArgumentException("querySetSize must be >= 1, was " + querySetSize);
    }
    long counted = 0;
    long right = 0;
    for (long i = window.from(); i < window.to(); i++) {
      int k = (int) Math.floorMod(i, (long) querySetSize);
      if (k < correct.length) {
        counted++;
        right += correct[k] ? 1 : 0;
      }
    }
    return counted == 0 ? accuracy() : (double) right / counted;
  }

  /** The profile as the report shows it. */
  ModelQuality quality() {
    return new ModelQuality(model, idleP50Ms, correct.length, errors, accuracy());
  }
}
