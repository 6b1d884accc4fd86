package io.tbms.zoo.repository;

import io.tbms.zoo.device.BatchTimeProfile;
import java.util.Objects;

/**
 * One instance of a model: the device it runs on and, on an emulated GPU, its batch-time profile.
 *
 * @param device the device name, e.g. {@code gpu0} or {@code cpu}
 * @param profile {@code T(b)} added to the real compute on an emulated GPU; ignored on a CPU
 */
public record InstancePlacement(String device, BatchTimeProfile profile) {

  public InstancePlacement {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(profile, "profile");
  }

  public static InstancePlacement onCpu() {
    return new InstancePlacement("cpu", BatchTimeProfile.NONE);
  }
}
