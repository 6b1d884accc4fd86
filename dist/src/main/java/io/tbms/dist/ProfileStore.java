package io.tbms.dist;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.tbms.tuner.BatchProfile;
import io.tbms.tuner.LinearFit;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * Models' batch-time profiles in the cluster (Hazelcast map {@value #MAP}), keyed by model: the
 * profile file's JSON ({@link ProfileFile}: model, est_ms, measured points) plus its fit, so every
 * tuner and operator sees the same T(b). Written by {@code tune profile --store}; read by {@code
 * tune apply} and {@code tune watch} when no file is given. Blocks on the cluster.
 */
final class ProfileStore {

  static final String MAP = "tbms.tuner.profiles";

  private final IMap<String, String> profiles;

  ProfileStore(HazelcastInstance cluster) {
    this.profiles = Objects.requireNonNull(cluster, "cluster").getMap(MAP);
  }

  /** Stores the profile file's JSON with its fit ({@code fit.base_ms}, {@code fit.per_item_ms}) added. */
  void put(JsonObject profileFile, BatchProfile profile) {
    LinearFit fit = profile.fit();
    JsonObject stored = profileFile.copy()
        .put("fit", new JsonObject().put("base_ms", fit.baseMillis()).put("per_item_ms", fit.perItemMillis()));
    profiles.set(profile.model(), stored.encode());
  }

  /**
   * The stored profile of {@code model}.
   *
   * @throws IllegalArgumentException when what is stored is not a profile (names the field)
   */
  Optional<ProfileFile> get(String model) {
    String json = profiles.get(model);
    return json == null ? Optional.empty() : Optional.of(ProfileFile.parse(json));
  }
}
