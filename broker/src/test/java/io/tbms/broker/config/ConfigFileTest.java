package io.tbms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tbms.broker.admission.LimitAlgorithm;
import io.tbms.broker.registry.Transport;
import io.tbms.resources.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {

  static final Path EXAMPLE = Path.of("../config/broker.json");

  static BrokerConfig parse(String json) {
    return ConfigFile.parse(json, "test.json", Map.of("DEMO_KEY", "from-env")::get);
  }

  static String minimal(String extra) {
    return "{" + extra + "\"instances\":[{\"name\":\"a\",\"models\":[\"m\"],\"credentials\":[{\"access_id\":\"a\","
        + "\"access_key\":\"k\"}]}],\"models\":[{\"name\":\"m\",\"replicas\":[{\"port\":9001}]}]}";
  }

  @Test
  void readsTheExampleConfigShippedWithTheProject() throws Exception {
    BrokerConfig config = ConfigFile.load(EXAMPLE);
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.models()).extracting(m -> m.name()).containsExactly("embedding", "svm", "bayes", "keyword");
    assertThat(config.models().get(2).replicas().get(0).transport()).isEqualTo(Transport.REST);
    assertThat(config.admission().algorithm()).isEqualTo(LimitAlgorithm.GRADIENT2);
    assertThat(config.credentials()).extracting(c -> c.accessId()).containsExactly("demo");
    assertThat(config.lagWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(Files.readString(EXAMPLE)).contains("\"demo-secret-key\"");
    assertThat(config.resourceTargets()).containsExactly(new Target("127.0.0.1:8001", "http://127.0.0.1:8002/metrics"));
    assertThat(config.resources().scrapeInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void readsTheResourcesSection() {
    BrokerConfig config = parse(minimal("\"resources\":{\"targets\":[{\"kserve\":\"10.0.0.5:8001\","
        + "\"metrics\":\"http://10.0.0.5:9002/metrics\"}],\"scrape_interval_ms\":500,\"cpu_cores\":16,"
        + "\"room_threshold\":0.8,\"nvidia_smi\":false,\"gpu_names\":{\"GPU-1\":\"a100\"}},"));
    assertThat(config.resourceTargets()).containsExactly(new Target("10.0.0.5:8001", "http://10.0.0.5:9002/metrics"));
    assertThat(config.resources().scrapeInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.resources().cpuCores()).isEqualTo(16);
    assertThat(config.resources().roomThreshold()).isEqualTo(0.8);
    assertThat(config.resources().nvidiaSmi()).isFalse();
    assertThat(config.resources().gpuNames()).containsEntry("GPU-1", "a100");
  }

  @Test
  void withoutTargetsTracksEveryGrpcReplicaOnTritonsMetricsPort() {
    BrokerConfig config = parse(minimal(""));
    assertThat(config.resourceTargets()).containsExactly(new Target("127.0.0.1:9001", "http://127.0.0.1:8002/metrics"));
  }

  @Test
  void refusesBadResourceSettingsNamingTheField() {
    assertThatThrownBy(() -> parse(minimal("\"resources\":{\"targets\":[{\"kserve\":\"nohost\",\"metrics\":\"http://h/\"}]},")))
        .hasMessageContaining("resources.targets[0]").hasMessageContaining("kserveAddress");
    assertThatThrownBy(() -> parse(minimal("\"resources\":{\"targets\":[{\"kserve\":\"h:1\"}]},")))
        .hasMessageContaining("resources.targets[0].metrics is required");
    assertThatThrownBy(() -> parse(minimal("\"resources\":{\"room_threshold\":2},")))
        .hasMessageContaining("resources").hasMessageContaining("roomThreshold");
    assertThatThrownBy(() -> parse(minimal("\"resources\":{\"nvidia_smi\":\"yes\"},")))
        .hasMessageContaining("resources.nvidia_smi must be true or false");
    assertThatThrownBy(() -> parse(minimal("\"resources\":{\"scrape_ms\":5},")))
        .hasMessageContaining("resources.scrape_ms is not a known setting");
  }

  @Test
  void fillsDefaultsForWhatIsLeftOut() {
    BrokerConfig config = parse(minimal(""));
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.margin()).isEqualTo(Duration.ofMillis(1));
    assertThat(config.models().get(0).replicas().get(0).transport()).isEqualTo(Transport.GRPC);
    assertThat(config.cluster().members()).containsExactly("127.0.0.1");
    assertThat(config.cluster().stateFile()).as("live config in memory only").isNull();
  }

  @Test
  void readsAnInstancesRateLimitAndRefusesANegativeOne() {
    String limited = minimal("").replace("\"credentials\":", "\"max_queries_per_s\":50,\"credentials\":");
    assertThat(parse(limited).instances().get(0).maxQueriesPerSecond()).isEqualTo(50.0);
    assertThat(parse(minimal("")).instances().get(0).maxQueriesPerSecond()).as("no limit by default").isZero();
    assertThatThrownBy(() -> parse(limited.replace(":50,", ":-1,"))).hasMessageContaining("instances[0]")
        .hasMessageContaining("maxQueriesPerSecond must be a finite number >= 0, was -1.0");
  }

  @Test
  void readsTheSplitBrainProtectionAndHeartbeatTimeoutWithTheirDefaults() {
    var cluster = parse(minimal("\"cluster\":{\"min_members\":2,\"heartbeat_timeout_s\":15},")).cluster();
    assertThat(cluster.minMembers()).isEqualTo(2);
    assertThat(cluster.heartbeatTimeoutSeconds()).isEqualTo(15);
    var defaults = parse(minimal("")).cluster();
    assertThat(defaults.minMembers()).isEqualTo(1);
    assertThat(defaults.heartbeatTimeoutSeconds()).isEqualTo(60);
    assertThatThrownBy(() -> parse(minimal("\"cluster\":{\"min_members\":0},")))
        .hasMessageContaining("cluster.min_members must be >= 1, was 0");
    assertThatThrownBy(() -> parse(minimal("\"cluster\":{\"heartbeat_timeout_s\":2.5},")))
        .hasMessageContaining("cluster.heartbeat_timeout_s must be an integer");
  }

  @Test
  void readsTheClusterStateFileAndRefusesAnEmptyOne() {
    assertThat(parse(minimal("\"cluster\":{\"state_file\":\"state/registry.json\"},")).cluster().stateFile())
        .isEqualTo(java.nio.file.Path.of("state/registry.json"));
    assertThat(parse(minimal("\"cluster\":{\"state_file\":null},")).cluster().stateFile()).isNull();
    assertThatThrownBy(() -> parse(minimal("\"cluster\":{\"state_file\":\" \"},")))
        .hasMessageContaining("cluster.state_file is required");
  }

  @Test
  void readsHowManyClassScoresAvgMembersAskFor() throws Exception {
    assertThat(ConfigFile.load(EXAMPLE).backend().classScores()).isEqualTo(5);
    assertThat(parse(minimal("")).backend().classScores()).isEqualTo(5);
    assertThat(parse(minimal("\"backend\":{\"class_scores\":0},")).backend().classScores()).isZero();
    assertThat(parse(minimal("\"backend\":{\"class_scores\":20},")).backend().classScores()).isEqualTo(20);
    assertThatThrownBy(() -> parse(minimal("\"backend\":{\"class_scores\":-1},")))
        .hasMessageContaining("backend").hasMessageContaining("classScores must be in [0, 1000], was -1");
  }

  @Test
  void refusesUnknownKeysNamingThePath() {
    assertThatThrownBy(() -> parse(minimal("\"lag\":{\"windw_ms\":5},")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("test.json").hasMessageContaining("lag.windw_ms");
    assertThatThrownBy(() -> parse(minimal("").replace("\"port\":9001", "\"port\":9001,\"transport\":\"tcp\"")))
        .hasMessageContaining("models[0].replicas[0].transport");
    assertThatThrownBy(() -> parse(minimal("\"margin_ms\":\"1\",")))
        .hasMessageContaining("margin_ms");
    assertThatThrownBy(() -> parse(minimal("").replace("\"port\":9001", "\"port\":0")))
        .hasMessageContaining("models[0].replicas[0]").hasMessageContaining("port");
    assertThatThrownBy(() -> parse("{\"instances\":[],\"models\":[]"))
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void readsAnAccessKeyFromTheEnvironmentAndSaysWhichVariableIsMissing() {
    String withEnv = minimal("").replace("\"access_key\":\"k\"", "\"access_key_env\":\"DEMO_KEY\"");
    assertThat(parse(withEnv).credentials().get(0).accessKey()).isEqualTo("from-env");
    assertThatThrownBy(() -> parse(withEnv.replace("DEMO_KEY", "NOT_SET")))
        .hasMessageContaining("instances[0].credentials[0].access_key_env").hasMessageContaining("NOT_SET");
  }

  @Test
  void refusesAnInstanceUsingAnUnknownModel() {
    assertThatThrownBy(() -> parse(minimal("").replace("\"models\":[\"m\"]", "\"models\":[\"gpt\"]")))
        .hasMessageContaining("unknown model 'gpt'");
  }
}
