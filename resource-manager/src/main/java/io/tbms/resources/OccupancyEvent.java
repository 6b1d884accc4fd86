package io.tbms.resources;

import java.util.Objects;

/**
 * Published after each scrape, once per device of the scraped backend (also when the backend is
 * down: the last known values, flagged {@code down}). Immutable.
 */
public record OccupancyEvent(DeviceOccupancy occupancy) {

  public OccupancyEvent {
    Objects.requireNonNull(occupancy, "occupancy");
  }
}
