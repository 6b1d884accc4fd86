package io.tbms.client;

/** The terminal state of a query. */
public enum Status {
  /** A model (or mix group) answered in time. */
  ANSWERED,
  /** No model answered in time: hand over to a human (the seed's "human assist"). Not an error. */
  EMPTY
}
