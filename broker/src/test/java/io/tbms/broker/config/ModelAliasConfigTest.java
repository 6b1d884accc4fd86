package io.tbms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ModelConfigJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 14: a registry entry's {@code aliases}, and an instance's declared mix-group names. */
class ModelAliasConfigTest {

  static BrokerConfig parse(String json) {
    return ConfigFile.parse(json, "test.json", name -> null);
  }

  /** Two models, {@code m} and {@code n}, with these extra keys on each, and instance {@code a} allowed {@code models}. */
  static String twoModels(String mExtra, String nExtra, String models) {
    return "{\"instances\":[{\"name\":\"a\",\"models\":" + models + ",\"credentials\":[{\"access_id\":\"a\","
        + "\"access_key\":\"k\"}]}],\"models\":[{\"name\":\"m\"" + mExtra + ",\"replicas\":[{\"port\":9001}]},"
        + "{\"name\":\"n\"" + nExtra + ",\"replicas\":[{\"port\":9001}]}]}";
  }

  @Test
  void readsAliasesAndKeepsNoneByDefault() {
    BrokerConfig config = parse(twoModels(",\"aliases\":[\"m2\",\"mm\"]", "", "[\"m\",\"n\"]"));
    assertThat(config.models().get(0).aliases()).containsExactly("m2", "mm");
    assertThat(config.models().get(1).aliases()).isEmpty();
  }

  @Test
  void theShippedConfigAndTheDemoServeKeysearchAsKeyword() {
    ModelConfig keyword = ConfigFile.load(Path.of("../config/broker.json")).models().stream()
        .filter(m -> m.name().equals("keyword")).findFirst().orElseThrow();
    assertThat(keyword.aliases()).containsExactly("keysearch");
    ModelConfig demo = BrokerConfig.demo("127.0.0.1", 8001, 8002).models().stream()
        .filter(m -> m.name().equals("keyword")).findFirst().orElseThrow();
    assertThat(demo.aliases()).containsExactly("keysearch");
  }

  @Test
  void refusesAnAliasThatIsAnotherModelsName() {
    assertThatThrownBy(() -> parse(twoModels("", ",\"aliases\":[\"x\",\"m\"]", "[\"m\"]")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("test.json: models[1].aliases[1] 'm' is the name of another model");
  }

  @Test
  void refusesAnAliasTwoModelsClaim() {
    assertThatThrownBy(() -> parse(twoModels(",\"aliases\":[\"k\"]", ",\"aliases\":[\"k\"]", "[\"m\"]")))
        .hasMessage("test.json: models[1].aliases[0] 'k' is already an alias of model 'm'");
  }

  @Test
  void refusesAnAliasThatIsTheModelsOwnNameOrListedTwiceOrBlank() {
    assertThatThrownBy(() -> parse(twoModels(",\"aliases\":[\"m\"]", "", "[\"m\"]")))
        .hasMessage("test.json: models[0]: aliases[0] 'm' is the model's own name");
    assertThatThrownBy(() -> parse(twoModels(",\"aliases\":[\"k\",\"k\"]", "", "[\"m\"]")))
        .hasMessage("test.json: models[0]: aliases[1] 'k' is listed twice");
    assertThatThrownBy(() -> parse(twoModels(",\"aliases\":[\" \"]", "", "[\"m\"]")))
        .hasMessage("test.json: models[0].aliases[0] must be a non-empty string");
    assertThatThrownBy(() -> parse(twoModels(",\"aliases\":\"k\"", "", "[\"m\"]")))
        .hasMessage("test.json: models[0].aliases must be an array");
  }

  @Test
  void anInstanceListsModelsByTheirNamesNotTheirAliases() {
    assertThatThrownBy(() -> parse(twoModels(",\"aliases\":[\"k\"]", "", "[\"k\"]")))
        .hasMessageContaining("instance 'a' lists 'k', an alias of model 'm': list the model's name");
  }

  @Test
  void aliasesSurviveTheRegistrysJsonAndOlderJsonHasNone() {
    ModelConfig model = parse(twoModels(",\"aliases\":[\"k\"]", "", "[\"m\"]")).models().get(0);
    assertThat(ModelConfigJson.fromJson(ModelConfigJson.toJson(model))).isEqualTo(model);
    assertThat(ModelConfigJson.toJson(model).getJsonArray("aliases").getList()).containsExactly("k");
    var older = ModelConfigJson.toJson(model);
    older.remove("aliases");
    assertThat(ModelConfigJson.fromJson(older).aliases()).isEmpty();
    assertThat(model.withBatching(2, null).aliases()).containsExactly("k");
  }

  @Test
  void readsDeclaredGroupNames() {
    String json = twoModels("", "", "[\"m\"]").replace("\"credentials\":", "\"groups\":[\"mix1\",\"mix2\"],\"credentials\":");
    assertThat(parse(json).instances().get(0).groups()).containsExactly("mix1", "mix2");
    assertThat(parse(twoModels("", "", "[\"m\"]")).instances().get(0).groups()).isEmpty();
    assertThatThrownBy(() -> parse(twoModels("", "", "[\"m\"]").replace("\"credentials\":", "\"groups\":[1],\"credentials\":")))
        .hasMessage("test.json: instances[0].groups[0] must be a non-empty string");
  }

  @Test
  void theRecordRefusesCollisionsWithoutAFile() {
    ModelConfig m = parse(twoModels("", "", "[\"m\"]")).models().get(0);
    ModelConfig n = parse(twoModels("", "", "[\"m\"]")).models().get(1).withAliases(List.of("m"));
    BrokerConfig base = BrokerConfig.demo("127.0.0.1", 8001, 8002).withInstances(List.of());
    assertThatThrownBy(() -> base.withModels(List.of(m, n)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("models[1].aliases[0] 'm' is the name of another model");
  }
}
