package io.tbms.broker.query;

/** What a {@link QueryRun} asks its adapter to do. */
public sealed interface QueryAction<A> {

  /** Call entry {@code index}'s model now. */
  record Fire<A>(int index) implements QueryAction<A> {}

  /** Cancel entry {@code index}'s outstanding call. */
  record Cancel<A>(int index) implements QueryAction<A> {}

  /** Wake the run at {@code atNanos} (monotonic); replaces any earlier wake-up. */
  record WakeAt<A>(long atNanos) implements QueryAction<A> {}

  /** Send this terminal result to the caller. Emitted exactly once per run. */
  record Finish<A>(QueryResult<A> result) implements QueryAction<A> {}
}
