package io.tbms.zoo.data;

/**
 * A dataset could not be read or parsed. The message names the source (a file, or the copy of
 * CLINC150 bundled in the jar) and, where known, the line.
 */
public final class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;

  public DatasetException(String source, int line, String problem) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem);
    this.source = source;
    this.line = line;
  }

  public DatasetException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
    this.source = source;
    this.line = 0;
  }

  /** The file (or bundled resource) at fault. */
  public String source() {
    return source;
  }

  /** The 1-based line at fault, or 0 when the problem is not tied to a line. */
  public int line() {
    return line;
  }
}
