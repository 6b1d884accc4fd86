package io.tbms.zoo.data;

import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An immutable labelled corpus in three splits: {@code train} (fit on), {@code val} (choose
 * thresholds and settings on) and {@code test} (report on; never trained or tuned on).
 *
 * <p>Out-of-scope utterances stay in their split with the label {@code oos}; {@link
 * #inScope(List)} and {@link #outOfScope(List)} separate them. The {@link #fingerprint()} is a
 * SHA-256 of the source bytes, stable across runs, for cache keys.
 */
public final class Dataset {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private final String source;
  private final String fingerprint;
  private final List<LabeledText> train;
  private final List<LabeledText> val;
  private final List<LabeledText> test;

  /**
   * @param source a human-readable description of where the data came from (for logs)
   * @param fingerprint SHA-256 hex (64 lower-case digits) of the source bytes
   */
  public Dataset(
      String source,
      String fingerprint,
      List<LabeledText> train,
      List<LabeledText> val,
      List<LabeledText> test) {
    this.source = Objects.requireNonNull(source, "source");
    Objects.requireNonNull(fingerprint, "fingerprint");
    if (!HEX64.matcher(fingerprint).matches()) {
      throw new IllegalArgumentException(
          "fingerprint must be 64 lower-case hex digits, was '" + fingerprint + "'");
    }
    this.fingerprint = fingerprint;
    this.train = List.copyOf(train);
    this.val = List.copyOf(val);
    this.test = List.copyOf(test);
    if (this.train.isEmpty()) {
      throw new IllegalArgumentException("train must not be empty (" + source + ")");
    }
  }

  /** Where the data came from, e.g. the file path. */
  public String source() {
    return source;
  }

  /** SHA-256 hex of the source bytes. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The training split, out-of-scope examples included. */
  public List<LabeledText> train() {
    return train;
  }

  /** The validation split, out-of-scope examples included. */
  public List<LabeledText> val() {
    return val;
  }

  /** The test split, out-of-scope examples included. */
  public List<LabeledText> test() {
    return test;
  }

  /** The labels seen in {@code train}, sorted; includes {@code oos} when train has any. */
  public SortedSet<String> labels() {
    TreeSet<String> labels = new TreeSet<>();
    train.forEach(t -> labels.add(t.label()));
    return labels;
  }

  /** The in-scope items of a split, in order. */
  public static List<LabeledText> inScope(List<LabeledText> split) {
    return split.stream().filter(t -> !t.outOfScope()).toList();
  }

  /** The out-of-scope items of a split, in order. */
  public static List<LabeledText> outOfScope(List<LabeledText> split) {
    return split.stream().filter(LabeledText::outOfScope).toList();
  }

  @Override
  public String toString() {
    return "Dataset[" + source + ", train=" + train.size() + ", val=" + val.size()
        + ", test=" + test.size() + ", sha256=" + fingerprint.substring(0, 12) + "]";
  }
}
