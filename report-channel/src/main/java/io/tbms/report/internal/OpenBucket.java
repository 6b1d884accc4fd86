package io.tbms.report.internal;

import io.tbms.report.BucketCounts;
import io.tbms.report.TaskKey;
import java.util.HashMap;
import java.util.Map;

/** The counts of one bucket still being written. Not thread-safe: the recorder guards it. */
final class OpenBucket {

  final long index;
  private final Map<TaskKey, TaskTally> tasks = new HashMap<>();
  private final Map<String, LagTally> lag = new HashMap<>();
  private final Map<String, Long> wanted = new HashMap<>();
  private BucketCounts frozen;

  OpenBucket(long index) {
    this.index = index;
  }

  TaskTally task(TaskKey task) {
    frozen = null;
    return tasks.computeIfAbsent(task, t -> new TaskTally());
  }

  LagTally lag(String model) {
    frozen = null;
    return lag.computeIfAbsent(model, m -> new LagTally());
  }

  void wanted(String model) {
    frozen = null;
    wanted.merge(model, 1L, Long::sum);
  }

  /** The counts so far; encoded once until the bucket changes again. */
  BucketCounts freeze() {
    if (frozen == null) {
      Map<TaskKey, BucketCounts.TaskCounts> taskCounts = new HashMap<>();
      tasks.forEach((name, tally) -> taskCounts.put(name, tally.freeze()));
      Map<String, BucketCounts.LagCounts> lagCounts = new HashMap<>();
      lag.forEach((model, tally) -> lagCounts.put(model, tally.freeze()));
      frozen = new BucketCounts(index, taskCounts, lagCounts, wanted);
    }
    return frozen;
  }
}
