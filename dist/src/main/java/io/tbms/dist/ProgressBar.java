package io.tbms.dist;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on a command's error stream, redrawn in place with a carriage return:
 * {@code probing embedding  [##########----------]  12/30  b=8}. Ends with a newline and a word on
 * what was done.
 */
final class ProgressBar {

  static final int WIDTH = 20;

  private final PrintWriter out;
  private final String label;
  private final int total;

  ProgressBar(PrintWriter out, String label, int total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  /** Draws {@code done} of the total, with a note on what runs now. */
  void show(int done, String now) {
    out.print("\r" + line(done, now));
    out.flush();
  }

  void finish(String summary) {
    if (total > 0) {
      out.println();
    }
    out.println(label + ": " + summary);
    out.flush();
  }

  /** The bar's text for {@code done} of the total. */
  String line(int done, String now) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * Math.min(done, total) / total);
    return String.format(Locale.ROOT, "%s  [%s%s]  %d/%d  %s", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
        done, total, now);
  }
}
