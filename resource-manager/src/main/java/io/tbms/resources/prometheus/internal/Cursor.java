package io.tbms.resources.prometheus.internal;

import java.util.function.IntPredicate;

/** A read position in one line. */
final class Cursor {

  private final String line;
  private int position;

  Cursor(String line) {
    this.line = line;
  }

  boolean atEnd() {
    return position >= line.length();
  }

  int position() {
    return position;
  }

  /** The next character without consuming it; {@code 0} at the end. */
  char peek() {
    return atEnd() ? 0 : line.charAt(position);
  }

  char next() {
    if (atEnd()) {
      throw new Malformed("line ends early");
    }
    return line.charAt(position++);
  }

  void expect(char wanted) {
    char c = atEnd() ? 0 : line.charAt(position);
    if (c != wanted) {
      throw new Malformed("expected '" + wanted + "' at column " + (position + 1));
    }
    position++;
  }

  void skipBlanks() {
    while (!atEnd() && (line.charAt(position) == ' ' || line.charAt(position) == '\t')) {
      position++;
    }
  }

  String takeWhile(IntPredicate accept) {
    int start = position;
    while (!atEnd() && accept.test(line.charAt(position))) {
      position++;
    }
    return line.substring(start, position);
  }
}
