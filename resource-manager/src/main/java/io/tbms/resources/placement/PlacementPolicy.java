package io.tbms.resources.placement;

import io.tbms.resources.ResourceManagerConfig;

/**
 * The thresholds behind placement advice, as fractions 0..1 of a device.
 *
 * @param coLocateBelow GPUs used less than this are candidates for co-location
 * @param coLocateTarget co-location never fills a GPU beyond this
 * @param hotThreshold a device used at or above this is hot
 * @param roomThreshold a device has room for a replica when its use plus the replica's share stays at or below this
 */
public record PlacementPolicy(double coLocateBelow, double coLocateTarget, double hotThreshold, double roomThreshold) {

  public PlacementPolicy {
    check("coLocateBelow", coLocateBelow);
    check("coLocateTarget", coLocateTarget);
    check("hotThreshold", hotThreshold);
    check("roomThreshold", roomThreshold);
    if (coLocateBelow >= coLocateTarget) {
      throw new IllegalArgumentException(
          "coLocateBelow must be < coLocateTarget (" + coLocateTarget + "), was " + coLocateBelow);
    }
  }

  private static void check(String field, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], was " + value);
    }
  }

  public static PlacementPolicy of(ResourceManagerConfig config) {
    return new PlacementPolicy(
        config.coLocateBelow(), config.coLocateTarget(), config.hotThreshold(), config.roomThreshold());
  }

  public static PlacementPolicy ofDefaults() {
    return of(ResourceManagerConfig.ofDefaults());
  }
}
