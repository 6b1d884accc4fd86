package io.tbms.zoo.data;

import java.nio.file.Path;

/**
 * A dataset file could not be read or parsed. The message names the file and, where known, the
 * line.
 */
public final class DatasetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  public DatasetException(Path file, int line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public DatasetException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
    this.line = 0;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the problem is not tied to a line. */
  public int line() {
    return line;
  }
}
