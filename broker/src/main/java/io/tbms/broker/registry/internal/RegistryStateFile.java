package io.tbms.broker.registry.internal;

import io.tbms.broker.config.ConfigException;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ModelConfigJson;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The cluster's live model config on disk ({@code cluster.state_file}), so that a restart of every
 * broker restores what was tuned live: each broker writes the registry after each change (the
 * JSON of {@link ModelConfigJson}, replaced atomically, so a reader never sees half a file), and
 * the first broker of a new cluster reads it back. Thread-safe: writes are serialised.
 */
public final class RegistryStateFile {

  private final Path file;

  public RegistryStateFile(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public Path path() {
    return file;
  }

  /** The models saved, by name; empty when there is no file yet. */
  public Map<String, ModelConfig> load() {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      JsonArray models = new JsonArray(Files.readString(file));
      Map<String, ModelConfig> byName = new LinkedHashMap<>();
      for (Object model : models) {
        ModelConfig config = ModelConfigJson.fromJson((JsonObject) model);
        byName.put(config.name(), config);
      }
      return byName;
    } catch (IOException | DecodeException | ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new ConfigException("cannot read the cluster state file " + file + " (" + e
          + "); fix it, or remove it to start from the config file alone", e);
    }
  }

  /** Replaces the file with these models. */
  public synchronized void save(Collection<ModelConfig> models) throws IOException {
    JsonArray json = new JsonArray();
    models.forEach(model -> json.add(ModelConfigJson.toJson(model)));
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(temp, json.encodePrettily() + "\n");
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
