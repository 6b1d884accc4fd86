package io.tbms.resources.prometheus.internal;

import io.tbms.resources.prometheus.MetricType;
import io.tbms.resources.prometheus.ParseProblem;
import io.tbms.resources.prometheus.ParsedMetrics;
import io.tbms.resources.prometheus.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Accumulates one scrape, line by line. Not thread-safe; one instance per parse. */
public final class LineParser {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
  private static final Pattern TIMESTAMP = Pattern.compile("-?\\d{1,19}");

  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, MetricType> types = new HashMap<>();
  private final Map<String, String> help = new HashMap<>();
  private final List<ParseProblem> problems = new ArrayList<>();

  public void accept(int lineNumber, String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    try {
      if (trimmed.startsWith("#")) {
        comment(trimmed);
      } else {
        samples.add(sample(trimmed));
      }
    } catch (Malformed e) {
      problems.add(new ParseProblem(lineNumber, e.getMessage()));
    }
  }

  public ParsedMetrics result() {
    return new ParsedMetrics(samples, types, help, problems);
  }

  private void comment(String line) {
    String[] words = line.substring(1).strip().split("[ \t]+", 3);
    if (words[0].equals("HELP")) {
      if (words.length < 2 || !METRIC_NAME.matcher(words[1]).matches()) {
        throw new Malformed("HELP line without a valid metric name");
      }
      help.put(words[1], words.length == 3 ? unescapeHelp(words[2]) : "");
    } else if (words[0].equals("TYPE")) {
      if (words.length < 3 || !METRIC_NAME.matcher(words[1]).matches()) {
        throw new Malformed("TYPE line must name a metric and a type");
      }
      Optional<MetricType> type = MetricType.of(words[2].strip());
      if (type.isEmpty()) {
        throw new Malformed("unknown metric type '" + words[2].strip() + "'");
      }
      if (types.putIfAbsent(words[1], type.get()) != null) {
        throw new Malformed("second TYPE line for " + words[1]);
      }
    }
    // any other comment is ignored, as the format says
  }

  private Sample sample(String line) {
    Cursor in = new Cursor(line);
    String name = in.takeWhile(c -> Character.isLetterOrDigit(c) || c == '_' || c == ':');
    if (!METRIC_NAME.matcher(name).matches()) {
      throw new Malformed("no valid metric name at the start of the line");
    }
    Map<String, String> labels = Map.of();
    in.skipBlanks();
    if (in.peek() == '{') {
      labels = labels(in);
    }
    in.skipBlanks();
    String valueWord = in.takeWhile(c -> c != ' ' && c != '\t');
    if (valueWord.isEmpty()) {
      throw new Malformed("sample of " + name + " has no value");
    }
    double value = value(valueWord);
    in.skipBlanks();
    OptionalLong timestamp = OptionalLong.empty();
    if (!in.atEnd()) {
      String word = in.takeWhile(c -> c != ' ' && c != '\t');
      if (!TIMESTAMP.matcher(word).matches()) {
        throw new Malformed("timestamp '" + word + "' is not an integer");
      }
      try {
        timestamp = OptionalLong.of(Long.parseLong(word));
      } catch (NumberFormatException e) {
        throw new Malformed("timestamp '" + word + "' is out of range");
      }
      in.skipBlanks();
      if (!in.atEnd()) {
        throw new Malformed("unexpected text after the timestamp");
      }
    }
    return new Sample(name, labels, value, timestamp);
  }

  private static Map<String, String> labels(Cursor in) {
    in.expect('{');
    Map<String, String> labels = new LinkedHashMap<>();
    while (true) {
      in.skipBlanks();
      if (in.peek() == '}') {
        in.next();
        return labels;
      }
      String label = in.takeWhile(c -> Character.isLetterOrDigit(c) || c == '_');
      if (!LABEL_NAME.matcher(label).matches()) {
        throw new Malformed("invalid label name at column " + (in.position() + 1));
      }
      in.skipBlanks();
      in.expect('=');
      in.skipBlanks();
      in.expect('"');
      String value = labelValue(in);
      if (labels.put(label, value) != null) {
        throw new Malformed("label " + label + " appears twice");
      }
      in.skipBlanks();
      char next = in.next();
      if (next == '}') {
        return labels;
      }
      if (next != ',') {
        throw new Malformed("expected ',' or '}' after label " + label);
      }
    }
  }

  private static String labelValue(Cursor in) {
    StringBuilder value = new StringBuilder();
    while (true) {
      if (in.atEnd()) {
        throw new Malformed("unterminated label value");
      }
      char c = in.next();
      if (c == '"') {
        return value.toString();
      }
      if (c == '\\') {
        if (in.atEnd()) {
          throw new Malformed("unterminated label value");
        }
        char escaped = in.next();
        switch (escaped) {
          case '\\' -> value.append('\\');
          case '"' -> value.append('"');
          case 'n' -> value.append('\n');
          default -> throw new Malformed("unknown escape \\" + escaped + " in a label value");
        }
      } else {
        value.append(c);
      }
    }
  }

  private static double value(String word) {
    switch (word) {
      case "NaN":
        return Double.NaN;
      case "+Inf", "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        if (!NUMBER.matcher(word).matches()) {
          throw new Malformed("value '" + word + "' is not a number");
        }
        return Double.parseDouble(word);
    }
  }

  /** Help text escapes backslash and newline; any other backslash stands for itself. */
  private static String unescapeHelp(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
      if (c == '\\' && (next == 'n' || next == '\\')) {
        out.append(next == 'n' ? '\n' : '\\');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
