package io.tbms.zoo.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.ByteBuffer;

/**
 * Loads a dataset from UTF-8 CSV files of {@code text,label} records (RFC 4180 quoting; an
 * optional header row {@code text,label}). Out-of-scope rows use the label {@code oos}.
 *
 * <p>Without a val file, val is carved from train deterministically: per label, in file order,
 * every 10th item (the 10th, 20th, …) goes to val, so about 10% of each label with at least 10
 * items. The fingerprint is the SHA-256 of the train, val (if any) and test file bytes.
 */
public final class CsvLoader {

  /** Every {@value}th training item of a label moves to val when there is no val file. */
  public static final int VAL_EVERY = 10;

  private CsvLoader() {}

  /** Loads train and test; val is carved from train. */
  public static Dataset load(Path trainCsv, Path testCsv) {
    return load(trainCsv, null, testCsv);
  }

  /**
   * @param valCsv the val file, or {@code null} to carve val from train
   * @throws DatasetException on an unreadable file or a bad record (the message names file and
   *     line)
   */
  public static Dataset load(Path trainCsv, Path valCsv, Path testCsv) {
    byte[] trainBytes = read(trainCsv);
    byte[] testBytes = read(testCsv);
    List<LabeledText> train = records(trainCsv, trainBytes);
    List<LabeledText> test = records(testCsv, testBytes);
    List<LabeledText> val;
    String fingerprint;
    String source = "csv train=" + trainCsv + " test=" + testCsv;
    if (valCsv == null) {
      List<LabeledText> kept = new ArrayList<>();
      val = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (LabeledText t : train) {
        int k = seen.merge(t.label(), 1, Integer::sum);
        (k % VAL_EVERY == 0 ? val : kept).add(t);
      }
      train = kept;
      fingerprint = Sha256.hex(trainBytes, new byte[0], testBytes);
    } else {
      byte[] valBytes = read(valCsv);
      val = records(valCsv, valBytes);
      fingerprint = Sha256.hex(trainBytes, valBytes, testBytes);
      source += " val=" + valCsv;
    }
    if (train.isEmpty()) {
      throw new DatasetException(trainCsv, 0, "no training records");
    }
    return new Dataset(source, fingerprint, train, val, test);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException(file, "cannot read CSV file", e);
    }
  }

  private static List<LabeledText> records(Path file, byte[] bytes) {
    String content;
    try {
      content = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DatasetException(file, "not valid UTF-8", e);
    }
    List<CsvRecords.Row> rows = CsvRecords.parse(file, content);
    List<LabeledText> items = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      CsvRecords.Row row = rows.get(r);
      List<String> f = row.fields();
      if (r == 0 && f.size() == 2 && f.get(0).strip().equalsIgnoreCase("text")
          && f.get(1).strip().equalsIgnoreCase("label")) {
        continue; // header
      }
      if (f.size() != 2) {
        throw new DatasetException(
            file, row.line(), "expected 2 fields (text,label), found " + f.size());
      }
      String label = f.get(1).strip();
      if (label.isEmpty()) {
        throw new DatasetException(file, row.line(), "empty label");
      }
      items.add(new LabeledText(f.get(0), label));
    }
    return items;
  }
}
