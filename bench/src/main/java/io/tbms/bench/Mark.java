package io.tbms.bench;

/** Whether a cell meets one acceptance line: passed, failed, or the line does not apply there. */
public enum Mark {
  PASS("✓"),
  FAIL("✗"),
  NOT_APPLICABLE("–");

  private final String symbol;

  Mark(String symbol) {
    this.symbol = symbol;
  }

  /** The mark in the Markdown summary. */
  String symbol() {
    return symbol;
  }

  static Mark of(boolean passed) {
    return passed ? PASS : FAIL;
  }
}
