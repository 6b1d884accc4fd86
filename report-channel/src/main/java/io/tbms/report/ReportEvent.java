package io.tbms.report;

/**
 * What the broker tells the report channel: typed, immutable events, one per thing that happened.
 * Task and model names are already bounded (docs/design.md §7) when they get here.
 */
public sealed interface ReportEvent
    permits ReportEvent.Answered, ReportEvent.Skipped, ReportEvent.Shed, ReportEvent.LagSample,
        ReportEvent.Wanted, ReportEvent.CircuitChanged {

  /**
   * A query ended.
   *
   * @param instance the tenant the query came from
   * @param model the chain step that answered (a model or a group), empty when the answer was EMPTY
   * @param rank its position in the chain, 0 = the caller's first choice; -1 when EMPTY
   * @param latencyNanos from the query's arrival to its answer
   */
  record Answered(String instance, String task, String model, int rank, long latencyNanos) implements ReportEvent {
    public TaskKey key() {
      return new TaskKey(instance, task);
    }

    public boolean empty() {
      return rank < 0;
    }
  }

  /**
   * A chain entry the downgrade policy did not call.
   *
   * @param reason {@code SKIPPED_LAG} or {@code SKIPPED_CIRCUIT}
   */
  record Skipped(String instance, String task, String model, String reason) implements ReportEvent {
    public TaskKey key() {
      return new TaskKey(instance, task);
    }
  }

  /** A chain entry the admission limit shed (not called because the broker was overloaded). */
  record Shed(String instance, String task, String model) implements ReportEvent {
    public TaskKey key() {
      return new TaskKey(instance, task);
    }
  }

  /**
   * A chain entry that wanted the model: it was called, or skipped or shed because the model was
   * slow, open or the broker full; not an entry the query ended before reaching. The rate of these
   * is the model's demand, what the config tuner sizes batches for.
   */
  record Wanted(String model) implements ReportEvent {}

  /** An answered model call and its lag, as the broker saw it. */
  record LagSample(String model, long lagNanos) implements ReportEvent {}

  /**
   * A replica's circuit breaker changed state.
   *
   * @param replica the replica's {@code host:port}
   * @param state the new state's name: {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, …
   */
  record CircuitChanged(String model, String replica, String state) implements ReportEvent {}
}
