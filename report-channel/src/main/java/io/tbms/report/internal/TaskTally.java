package io.tbms.report.internal;

import io.tbms.report.BucketCounts;
import java.util.HashMap;
import java.util.Map;

/** One task's counts in an open bucket. Not thread-safe: the recorder guards it. */
final class TaskTally {

  private long queries;
  private long empty;
  private final Map<Integer, Long> ranks = new HashMap<>();
  private final Map<String, Long> models = new HashMap<>();
  private long shed;
  private long skipped;

  void answered(String model, int rank) {
    queries++;
    if (rank < 0) {
      empty++;
    } else {
      ranks.merge(rank, 1L, Long::sum);
      models.merge(model, 1L, Long::sum);
    }
  }

  void shed() {
    shed++;
  }

  void skipped() {
    skipped++;
  }

  BucketCounts.TaskCounts freeze() {
    return new BucketCounts.TaskCounts(queries, empty, ranks, models, shed, skipped);
  }
}
