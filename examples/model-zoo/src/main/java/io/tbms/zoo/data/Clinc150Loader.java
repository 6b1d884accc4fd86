package io.tbms.zoo.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads CLINC150's {@code data_full.json}: an object whose fields {@code train}, {@code val},
 * {@code test}, {@code oos_train}, {@code oos_val}, {@code oos_test} each hold a list of
 * {@code [text, intent]} pairs.
 *
 * <p>The out-of-scope splits are appended to their in-scope split (label {@code oos}), so train
 * holds 15,100 items, val 3,100 and test 5,500. Other fields are ignored. The fingerprint is the
 * SHA-256 of the file's bytes (for the public file:
 * {@code 36923c3705a59e08fe9c3883d8bc2dd966ef93e22cb78ac41171782a698d56e0}).
 *
 * <p>The repository ships the dataset in {@code data/clinc150/} (CC BY 3.0, with its licence and
 * citation), and the jar bundles that copy: {@link #loadDefault()} reads it unless {@value
 * #DATA_DIR_ENV} or the system property {@value #DATA_DIR_PROPERTY} names another file.
 */
public final class Clinc150Loader {

  /** The file name inside the CLINC150 data directory. */
  public static final String FILE_NAME = "data_full.json";

  /** The environment variable that names another CLINC150 file or directory. */
  public static final String DATA_DIR_ENV = "TBMS_DATA_DIR";

  /** The system property that names another CLINC150 file or directory (wins over the variable). */
  public static final String DATA_DIR_PROPERTY = "tbms.data.dir";

  /** Where the jar holds its copy of {@code data/clinc150/}. */
  static final String BUNDLED_RESOURCE = "/io/tbms/zoo/data/clinc150/" + FILE_NAME;

  private static final List<String> SPLITS =
      List.of("train", "val", "test", "oos_train", "oos_val", "oos_test");

  private Clinc150Loader() {}

  /**
   * The dataset a command uses when not given one: {@code -Dtbms.data.dir}, else {@code
   * $TBMS_DATA_DIR}, else the copy bundled in the jar.
   *
   * @throws DatasetException when the named file is missing, unreadable or malformed
   */
  public static Dataset loadDefault() {
    return override().map(Clinc150Loader::load).orElseGet(Clinc150Loader::loadBundled);
  }

  /**
   * @param path the file or directory to read, or {@code null} for {@link #loadDefault()}
   */
  public static Dataset loadOrDefault(Path path) {
    return path != null ? load(path) : loadDefault();
  }

  /** The copy of CLINC150 bundled in the jar (the repository's {@code data/clinc150/}). */
  public static Dataset loadBundled() {
    String source = "bundled " + BUNDLED_RESOURCE.substring(1);
    byte[] bytes;
    try (InputStream in = Clinc150Loader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) {
        throw new DatasetException(source, 0, "not in this build; name a file with --data or " + DATA_DIR_ENV);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new DatasetException(source, "cannot read CLINC150 file", e);
    }
    return parse(source, bytes);
  }

  /**
   * @param path {@code data_full.json} or the directory that holds it
   * @throws DatasetException when the file is missing, unreadable or malformed (the message names
   *     file and line)
   */
  public static Dataset load(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException(file.toString(), "cannot read CLINC150 file", e);
    }
    return parse(file.toString(), bytes);
  }

  private static Optional<Path> override() {
    return Stream.of(System.getProperty(DATA_DIR_PROPERTY), System.getenv(DATA_DIR_ENV))
        .filter(value -> value != null && !value.isBlank())
        .findFirst()
        .map(Path::of);
  }

  private static Dataset parse(String source, byte[] bytes) {
    Map<String, List<LabeledText>> splits = splits(source, bytes);
    for (String name : SPLITS) {
      if (!splits.containsKey(name)) {
        throw new DatasetException(source, 0, "missing split '" + name + "'");
      }
    }
    return new Dataset(
        source,
        Sha256.hex(bytes),
        concat(splits.get("train"), splits.get("oos_train")),
        concat(splits.get("val"), splits.get("oos_val")),
        concat(splits.get("test"), splits.get("oos_test")));
  }

  private static Map<String, List<LabeledText>> splits(String file, byte[] bytes) {
    Map<String, List<LabeledText>> splits = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(bytes)) {
      expect(file, p, p.nextToken() == JsonToken.START_OBJECT, "expected a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (SPLITS.contains(field)) {
          splits.put(field, readPairs(file, p, field));
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new DatasetException(file, line, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new DatasetException(file, "cannot parse CLINC150 file", e);
    }
    return splits;
  }

  private static List<LabeledText> readPairs(String file, JsonParser p, String split)
      throws IOException {
    expect(file, p, p.currentToken() == JsonToken.START_ARRAY, "split '" + split + "' must be a list");
    List<LabeledText> items = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String where = "in split '" + split + "': ";
      expect(file, p, p.currentToken() == JsonToken.START_ARRAY, where + "expected [text, intent]");
      expect(file, p, p.nextToken() == JsonToken.VALUE_STRING, where + "text must be a string");
      String text = p.getText();
      expect(file, p, p.nextToken() == JsonToken.VALUE_STRING, where + "intent must be a string");
      String intent = p.getText();
      expect(file, p, p.nextToken() == JsonToken.END_ARRAY, where + "expected exactly 2 elements");
      if (intent.isBlank()) {
        throw new DatasetException(file, line(p), where + "blank intent");
      }
      items.add(new LabeledText(text, intent));
    }
    return items;
  }

  private static void expect(String file, JsonParser p, boolean ok, String problem) {
    if (!ok) {
      throw new DatasetException(file, line(p), problem);
    }
  }

  private static int line(JsonParser p) {
    return p.currentLocation().getLineNr();
  }

  private static List<LabeledText> concat(List<LabeledText> a, List<LabeledText> b) {
    List<LabeledText> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
