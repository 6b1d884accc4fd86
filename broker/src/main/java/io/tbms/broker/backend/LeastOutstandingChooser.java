package io.tbms.broker.backend;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks, among the replicas whose circuit permits a call, one with the fewest calls outstanding;
 * ties rotate round-robin so equally idle replicas share the load. Thread-safe, lock-free.
 */
public final class LeastOutstandingChooser implements ReplicaChooser {

  private final AtomicInteger turn = new AtomicInteger();

  @Override
  public Optional<GuardedReplica> choose(String model, List<GuardedReplica> replicas) {
    int n = replicas.size();
    if (n == 0) {
      return Optional.empty();
    }
    int start = Math.floorMod(turn.getAndIncrement(), n);
    GuardedReplica best = null;
    int bestOutstanding = Integer.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      GuardedReplica replica = replicas.get((start + i) % n);
      if (!replica.callPermitted()) {
        continue;
      }
      int outstanding = replica.outstanding();
      if (outstanding < bestOutstanding) {
        best = replica;
        bestOutstanding = outstanding;
      }
    }
    return Optional.ofNullable(best);
  }
}
