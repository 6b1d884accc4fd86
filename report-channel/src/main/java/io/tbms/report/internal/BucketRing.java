package io.tbms.report.internal;

import io.tbms.report.BucketCounts;
import io.tbms.report.TaskKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's buckets in a ring of fixed size: bucket {@code index} lives in slot {@code index
 * mod size} and replaces whatever older bucket was there. Not thread-safe: the recorder guards it.
 */
public final class BucketRing {

  private final OpenBucket[] slots;

  public BucketRing(int size) {
    slots = new OpenBucket[size];
  }

  public void answered(long index, TaskKey task, String model, int rank) {
    at(index).task(task).answered(model, rank);
  }

  public void skipped(long index, TaskKey task) {
    at(index).task(task).skipped();
  }

  public void shed(long index, TaskKey task) {
    at(index).task(task).shed();
  }

  public void wanted(long index, String model) {
    at(index).wanted(model);
  }

  public void lag(long index, String model, long lagNanos) {
    at(index).lag(model).record(lagNanos);
  }

  /** The bucket of {@code index}, opened (and an old one dropped) if need be. */
  private OpenBucket at(long index) {
    int slot = (int) Math.floorMod(index, (long) slots.length);
    OpenBucket bucket = slots[slot];
    if (bucket == null || bucket.index != index) {
      if (bucket != null && bucket.index > index) {
        // an event stamped before a bucket that already replaced its own: too old to keep
        return new OpenBucket(index);
      }
      bucket = new OpenBucket(index);
      slots[slot] = bucket;
    }
    return bucket;
  }

  /** The buckets from {@code oldestIndex} on, oldest first. */
  public List<BucketCounts> freezeFrom(long oldestIndex) {
    List<BucketCounts> out = new ArrayList<>();
    for (OpenBucket bucket : slots) {
      if (bucket != null && bucket.index >= oldestIndex) {
        out.add(bucket.freeze());
      }
    }
    out.sort((a, b) -> Long.compare(a.index(), b.index()));
    return out;
  }
}
