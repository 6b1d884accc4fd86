package io.tbms.broker.front;

/** Admission at arrival, by the query's priority. Thread-safe. */
@FunctionalInterface
public interface ArrivalGate {

  enum Verdict {
    /** Run the whole chain. */
    ADMIT,
    /** Overloaded at this priority: only the chain's cheapest entry may run. */
    SHED,
    /** Not even the cheapest entry can run: 429 / RESOURCE_EXHAUSTED. */
    REJECT
  }

  Verdict admit(int priority);

  ArrivalGate OPEN = priority -> Verdict.ADMIT;
}
