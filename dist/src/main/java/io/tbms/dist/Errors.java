package io.tbms.dist;

/** How the commands print a failure: its innermost cause, which names what went wrong. */
final class Errors {

  private Errors() {}

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.toString();
  }
}
