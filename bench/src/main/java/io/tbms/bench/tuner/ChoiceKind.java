package io.tbms.bench.tuner;

import io.tbms.tuner.NeedsMoreDevices;
import io.tbms.tuner.Recommendation;
import io.tbms.tuner.Recommended;
import io.tbms.tuner.Unreachable;

/** What a search concluded for one case, as the tuner's {@link Recommendation} kinds name it. */
enum ChoiceKind {
  /** A configuration fits on the devices available. */
  RECOMMENDED("recommended"),
  /** One fits only on more devices than are available. */
  NEEDS_MORE_DEVICES("needs_more_devices"),
  /** None meets the lag target on any number of devices. */
  UNREACHABLE("unreachable");

  private final String id;

  ChoiceKind(String id) {
    this.id = id;
  }

  /** The name in the report and the JSON, as {@code ./tbms tune recommend --json} writes it. */
  String id() {
    return id;
  }

  static ChoiceKind of(Recommendation recommendation) {
    if (recommendation instanceof Recommended) {
      return RECOMMENDED;
    }
    if (recommendation instanceof NeedsMoreDevices) {
      return NEEDS_MORE_DEVICES;
    }
    if (recommendation instanceof Unreachable) {
      return UNREACHABLE;
    }
    throw new IllegalArgumentException("unknown recommendation " + recommendation);
  }
}
