package io.tbms.broker.backend.internal;

import io.tbms.broker.backend.BackendException;
import io.tbms.broker.backend.ClassScore;
import io.tbms.broker.backend.ModelAnswer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Triton's classification extension, as both codecs use it: the request parameter, and the
 * answers read from a score output that came back as classifications, a {@code BYTES} tensor of
 * shape {@code [n, k]} whose elements read {@code "<value>:<index>[:<label>]"}, best first.
 *
 * <p>Each answer's score is its row's first value (the model's top score, what the plain score
 * output holds) and its classes are the row's labelled entries. A row whose entries carry no
 * label (a Triton model without a labels file) gives no classes: class indices of different
 * models cannot be matched, so the answer falls back to its label and score. A label may hold
 * {@code ':'}; a repeated label keeps its first (best) entry.
 */
final class Classification {

  /** The output parameter that asks for the top {@code k} classes (an int). */
  static final String PARAMETER = "classification";

  private Classification() {}

  /**
   * @param output the score output's name, for messages
   * @param labels one per query
   * @param entries the score output's elements, row-major: {@code expected} rows of {@code k}
   * @throws BackendException {@code BAD_RESPONSE} for a count that is not a multiple of the rows
   *     or an element that does not parse
   */
  static List<ModelAnswer> answers(String output, List<String> labels, List<String> entries, int expected) {
    if (expected == 0 || entries.size() % expected != 0) {
      throw bad("output '" + output + "' has " + entries.size() + " classifications, not a multiple of " + expected);
    }
    int k = entries.size() / expected;
    List<ModelAnswer> answers = new ArrayList<>(expected);
    for (int row = 0; row < expected; row++) {
      float score = Float.NaN;
      List<ClassScore> classes = new ArrayList<>(k);
      Set<String> seen = new HashSet<>();
      boolean labelled = true;
      for (int i = 0; i < k; i++) {
        String entry = entries.get(row * k + i);
        int first = entry.indexOf(':');
        if (first <= 0) {
          throw bad("output '" + output + "' holds '" + cut(entry) + "', expected <value>:<index>[:<label>]");
        }
        float value = value(output, entry, first);
        if (i == 0) {
          score = value;
        }
        int second = entry.indexOf(':', first + 1);
        if (second < 0 || second == entry.length() - 1) {
          labelled = false;
        } else if (seen.add(entry.substring(second + 1))) {
          classes.add(new ClassScore(entry.substring(second + 1), value));
        }
      }
      answers.add(new ModelAnswer(labels.get(row), score, labelled ? classes : List.of()));
    }
    return answers;
  }

  /** Java's numbers, and C's {@code nan} and {@code inf} (what Triton's {@code std::to_string} writes). */
  private static float value(String output, String entry, int end) {
    String text = entry.substring(0, end);
    switch (text) {
      case "nan", "-nan" -> {
        return Float.NaN;
      }
      case "inf" -> {
        return Float.POSITIVE_INFINITY;
      }
      case "-inf" -> {
        return Float.NEGATIVE_INFINITY;
      }
      default -> { }
    }
    try {
      return Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw bad("output '" + output + "' holds '" + cut(entry) + "', whose value is not a number");
    }
  }

  private static String cut(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }

  private static BackendException bad(String message) {
    return new BackendException(BackendException.Reason.BAD_RESPONSE, message);
  }
}
