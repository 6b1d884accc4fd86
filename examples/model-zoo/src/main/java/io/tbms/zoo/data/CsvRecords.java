package io.tbms.zoo.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: fields separated by commas, records by CRLF or LF; a field in double quotes
 * may hold commas, line breaks and doubled quotes ({@code ""}). Blank lines are skipped.
 */
final class CsvRecords {

  /** One parsed record and the 1-based line it starts on. */
  record Row(int line, List<String> fields) {}

  private CsvRecords() {}

  static List<Row> parse(Path file, String content) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int line = 1;
    int rowLine = 1;
    int i = 0;
    int n = content.length();
    if (n > 0 && content.charAt(0) == '\uFEFF') {
      i = 1; // byte-order mark
    }
    boolean fieldStarted = false;
    while (i < n) {
      char c = content.charAt(i);
      if (c == '"' && field.length() == 0 && !fieldStarted) {
        int quoteLine = line;
        i++;
        while (true) {
          if (i >= n) {
            throw new DatasetException(file, quoteLine, "unterminated quoted field");
          }
          char q = content.charAt(i);
          if (q == '"') {
            if (i + 1 < n && content.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q == '\n') {
            line++;
          }
          field.append(q);
          i++;
        }
        fieldStarted = true;
        if (i < n && !isDelimiter(content, i)) {
          throw new DatasetException(file, line, "unexpected character after closing quote");
        }
        continue;
      }
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        fieldStarted = false;
        i++;
      } else if (c == '\r' || c == '\n') {
        endRow(rows, fields, field, rowLine, fieldStarted);
        fieldStarted = false;
        i += (c == '\r' && i + 1 < n && content.charAt(i + 1) == '\n') ? 2 : 1;
        line++;
        rowLine = line;
      } else {
        if (fieldStarted && field.length() == 0) {
          throw new DatasetException(file, line, "unexpected character after closing quote");
        }
        if (c == '"') {
          throw new DatasetException(file, line, "quote inside an unquoted field");
        }
        field.append(c);
        i++;
      }
    }
    endRow(rows, fields, field, rowLine, fieldStarted);
    return rows;
  }

  private static boolean isDelimiter(String s, int i) {
    char c = s.charAt(i);
    return c == ',' || c == '\r' || c == '\n';
  }

  private static void endRow(
      List<Row> rows, List<String> fields, StringBuilder field, int line, boolean quoted) {
    if (fields.isEmpty() && field.length() == 0 && !quoted) {
      return; // blank line
    }
    fields.add(field.toString());
    rows.add(new Row(line, List.copyOf(fields)));
    fields.clear();
    field.setLength(0);
  }
}
