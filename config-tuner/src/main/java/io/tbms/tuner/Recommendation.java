package io.tbms.tuner;

/**
 * What the {@link Recommender} says for one model: a configuration that meets the lag target with
 * headroom on the available devices ({@link Recommended}), the fewest devices that would
 * ({@link NeedsMoreDevices}), or that no number of devices would ({@link Unreachable}). Immutable.
 */
public sealed interface Recommendation permits Recommended, NeedsMoreDevices, Unreachable {

  /** The model's name. */
  String model();

  /** The target the mean lag must stay within, in ms. */
  double lagTargetMillis();

  /** How many batch sizes of the profile were measured when the choice was made. */
  int measuredPoints();

  /** The choice and its numbers, in one line. */
  String explanation();
}
