package io.tbms.broker.backend;

import io.tbms.broker.registry.ReplicaConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks a replica the way the resource manager would: never one whose circuit refuses calls or
 * that is marked down; among the rest, one whose devices have room (every device of the replica
 * below {@code roomThreshold}, unknown counting as room), and among those the fewest calls
 * outstanding, ties rotating. When no replica has room, the fewest outstanding among the rest.
 * Thread-safe, lock-free.
 */
public final class DeviceAwareChooser implements ReplicaChooser {

  /** A device at or above this used share has no room (0.85, as a hot device in placement advice). */
  public static final double DEFAULT_ROOM_THRESHOLD = 0.85;

  private final DeviceLoad load;
  private final double roomThreshold;
  private final AtomicInteger turn = new AtomicInteger();

  public DeviceAwareChooser(DeviceLoad load, double roomThreshold) {
    this.load = Objects.requireNonNull(load, "load");
    if (!(roomThreshold > 0 && roomThreshold <= 1)) {
      throw new IllegalArgumentException("roomThreshold must be in (0, 1], was " + roomThreshold);
    }
    this.roomThreshold = roomThreshold;
  }

  /** Knows no devices: the fewest calls outstanding among the replicas whose circuit permits a call. */
  public static DeviceAwareChooser leastOutstanding() {
    return new DeviceAwareChooser(DeviceLoad.UNKNOWN, DEFAULT_ROOM_THRESHOLD);
  }

  @Override
  public Optional<GuardedReplica> choose(String model, List<GuardedReplica> replicas) {
    int n = replicas.size();
    int start = n == 0 ? 0 : Math.floorMod(turn.getAndIncrement(), n);
    GuardedReplica withRoom = null;
    GuardedReplica any = null;
    for (int i = 0; i < n; i++) {
      GuardedReplica replica = replicas.get((start + i) % n);
      if (!replica.callPermitted() || load.down(model, replica.client().replica().address())) {
        continue;
      }
      if (any == null || replica.outstanding() < any.outstanding()) {
        any = replica;
      }
      if (hasRoom(replica.client().replica()) && (withRoom == null || replica.outstanding() < withRoom.outstanding())) {
        withRoom = replica;
      }
    }
    return Optional.ofNullable(withRoom != null ? withRoom : any);
  }

  private boolean hasRoom(ReplicaConfig replica) {
    for (String device : replica.devices()) {
      OptionalDouble used = load.used(replica.host(), device);
      if (used.isPresent() && used.getAsDouble() >= roomThreshold) {
        return false;
      }
    }
    return true;
  }
}
