package io.tbms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code docs/configuration.md} documents every key {@link ConfigFile} accepts, each in the table
 * of its section. The keys come from the parser itself: a config with an unknown key in a section
 * is refused with the list of the keys known there.
 */
class ConfigurationDocTest {

  static final Path DOC = Path.of("../docs/configuration.md");

  private static final Pattern HEADING = Pattern.compile("^## (?:`([^`]+)`|(.+))$");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");
  private static final Pattern KNOWN = Pattern.compile("\\(known: ([^)]*)\\)");

  private static final String INSTANCE = "{\"name\":\"a\",\"models\":[\"m\"],\"credentials\":[%s]}";
  private static final String CREDENTIAL = "{\"access_id\":\"a\",\"access_key\":\"k\"%s}";
  private static final String MODEL = "{\"name\":\"m\",\"replicas\":[%s]%s}";
  private static final String REPLICA = "{\"port\":9001%s}";
  private static final String UNKNOWN = ",\"zz_unknown\":1";

  /**
   * @param section where the unknown key goes, as the parser's error names it
   * @param heading the section of the doc whose table lists that section's keys
   * @param prefix what the doc's key names start with there, e.g. {@code replicas[].}
   */
  @ParameterizedTest(name = "keys of [{0}] in the {1} table")
  @CsvSource(nullValues = "none", value = {
      "'', Top level, none",
      "listen, Top level, listen.",
      "lag, Top level, lag.",
      "admission, admission, none",
      "backend, backend, none",
      "cluster, cluster, none",
      "resources, resources, none",
      "resources.targets[0], resources, targets[].",
      "instances[0], instances, none",
      "instances[0].credentials[0], instances, credentials[].",
      "models[0], models, none",
      "models[0].replicas[0], models, replicas[]."})
  void documentsEveryKeyOfEachSection(String section, String heading, String prefix) throws IOException {
    Set<String> documented = tables().getOrDefault(heading, Set.of());
    assertThat(documented).as("the table under '## %s' in %s", heading, DOC).isNotEmpty();

    for (String key : knownKeys(section)) {
      String name = (prefix == null ? "" : prefix) + key;
      boolean listed = documented.contains(name)
          || (section.isEmpty() && documented.stream().anyMatch(d -> d.startsWith(key + ".")));
      assertThat(listed).as("%s documents %s in its '%s' table", DOC, name, heading).isTrue();
    }
  }

  @Test
  void readsTheKnownKeysFromTheParsersOwnRefusal() {
    assertThat(knownKeys("lag")).containsExactly("window_ms", "quantile", "min_chance");
    assertThat(knownKeys("models[0].replicas[0]")).containsExactly("host", "port", "transport", "device");
  }

  /** The keys the parser knows in a section, read from its refusal of an unknown one. */
  private static List<String> knownKeys(String section) {
    String json = switch (section) {
      case "" -> ConfigFileTest.minimal(UNKNOWN.substring(1) + ",");
      case "resources.targets[0]" -> ConfigFileTest.minimal("\"resources\":{\"targets\":[{" + UNKNOWN.substring(1) + "}]},");
      case "instances[0]", "instances[0].credentials[0]", "models[0]", "models[0].replicas[0]" -> nested(section);
      default -> ConfigFileTest.minimal("\"" + section + "\":{" + UNKNOWN.substring(1) + "},");
    };
    Throwable refusal = catchThrowable(() -> ConfigFileTest.parse(json));
    assertThat(refusal).as("a config with an unknown key in '%s'", section)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining((section.isEmpty() ? "" : section + ".") + "zz_unknown is not a known setting");
    Matcher known = KNOWN.matcher(refusal.getMessage());
    assertThat(known.find()).as("the refusal lists the known keys: %s", refusal.getMessage()).isTrue();
    return List.of(known.group(1).split(", "));
  }

  private static String nested(String section) {
    String credential = String.format(CREDENTIAL, section.equals("instances[0].credentials[0]") ? UNKNOWN : "");
    String instance = String.format(INSTANCE, credential);
    if (section.equals("instances[0]")) {
      instance = instance.substring(0, instance.length() - 1) + UNKNOWN + "}";
    }
    String replica = String.format(REPLICA, section.equals("models[0].replicas[0]") ? UNKNOWN : "");
    String model = String.format(MODEL, replica, section.equals("models[0]") ? UNKNOWN : "");
    return "{\"instances\":[" + instance + "],\"models\":[" + model + "]}";
  }

  /** The first cells of the doc's tables, by the {@code ##} heading they stand under. */
  private static Map<String, Set<String>> tables() throws IOException {
    Map<String, Set<String>> tables = new HashMap<>();
    String heading = null;
    List<String> lines = Files.readAllLines(DOC);
    for (String line : lines) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        heading = h.group(1) != null ? h.group(1) : h.group(2).trim();
        continue;
      }
      Matcher row = ROW.matcher(line);
      if (heading != null && row.find()) {
        tables.computeIfAbsent(heading, k -> new LinkedHashSet<>()).add(row.group(1));
      }
    }
    return tables;
  }
}
