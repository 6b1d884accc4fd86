package io.tbms.zoo.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a labelled {@code text,label} CSV train/test pair (RFC 4180 quoting; an optional header
 * row {@code text,label}). Every tenth training row is held out as the validation split.
 */
public final class CsvLoader {

  private CsvLoader() {}

  public static Dataset load(Path trainFile, Path testFile) {
    byte[] trainBytes = read(trainFile);
    byte[] testBytes = read(testFile);
    List<LabeledText> all = parse(trainFile, new String(trainBytes, StandardCharsets.UTF_8));
    List<LabeledText> train = new ArrayList<>();
    List<LabeledText> val = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      (i % 10 == 9 ? val : train).add(all.get(i));
    }
    return new Dataset(
        trainFile + " + " + testFile,
        Sha256.hex(trainBytes, testBytes),
        train,
        val,
        parse(testFile, new String(testBytes, StandardCharsets.UTF_8)));
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "cannot read CSV file", e);
    }
  }

  static List<LabeledText> parse(Path file, String content) {
    List<LabeledText> rows = new ArrayList<>();
    int line = 1;
    int i = 0;
    while (i < content.length()) {
      int rowLine = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean endOfRow = false;
      while (i < content.length() && !endOfRow) {
        char c = content.charAt(i++);
        if (quoted) {
          if (c == '"' && i < content.length() && content.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            line += c == '\n' ? 1 : 0;
            field.append(c);
          }
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i < content.length() && content.charAt(i) == '\n') {
            i++;
          }
          line++;
          endOfRow = true;
        } else {
          field.append(c);
        }
      }
      if (quoted) {
        throw new DatasetException(file.toString(), rowLine, "unterminated quoted field");
      }
      fields.add(field.toString());
      if (fields.size() == 1 && fields.get(0).isBlank()) {
        continue;
      }
      if (fields.size() != 2) {
        throw new DatasetException(file.toString(), rowLine, "expected 2 fields (text,label), found " + fields.size());
      }
      if (rows.isEmpty() && rowLine == 1 && fields.get(0).equals("text") && fields.get(1).equals("label")) {
        continue;
      }
      if (fields.get(0).isBlank() || fields.get(1).isBlank()) {
        throw new DatasetException(file.toString(), rowLine, "empty text or label");
      }
      rows.add(new LabeledText(fields.get(0), fields.get(1).trim()));
    }
    if (rows.isEmpty()) {
      throw new DatasetException(file.toString(), 0, "no rows");
    }
    return rows;
  }
}
