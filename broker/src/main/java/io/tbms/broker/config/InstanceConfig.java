package io.tbms.broker.config;

import io.tbms.broker.auth.Credential;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant of the broker: the models its queries may use, the credentials that act for it, and
 * the task names it declares for reporting (may be empty: then the first tasks seen are kept).
 *
 * @param name the instance name, e.g. {@code demo}
 * @param models the model names its chains may hold; another model gives 403
 * @param credentials the access ids and keys that sign its requests
 * @param tasks declared task names; empty when not declared
 * @param maxQueriesPerSecond the most queries per second each broker accepts from this instance
 *     (more get 429); 0 for no limit
 */
public record InstanceConfig(String name, Set<String> models, List<Credential> credentials, List<String> tasks,
    double maxQueriesPerSecond) {

  public InstanceConfig {
    Objects.requireNonNull(name, "name");
    models = Set.copyOf(models);
    credentials = List.copyOf(credentials);
    tasks = List.copyOf(tasks);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (!(maxQueriesPerSecond >= 0) || Double.isInfinite(maxQueriesPerSecond)) {
      throw new IllegalArgumentException("maxQueriesPerSecond must be a finite number >= 0, was " + maxQueriesPerSecond);
    }
    for (Credential credential : credentials) {
      if (!credential.instance().equals(name)) {
        throw new IllegalArgumentException("credential '" + credential.accessId() + "' acts for '"
            + credential.instance() + "', not for instance '" + name + "'");
      }
    }
  }

  /** Without a rate limit. */
  public InstanceConfig(String name, Set<String> models, List<Credential> credentials, List<String> tasks) {
    this(name, models, credentials, tasks, 0);
  }

  public boolean mayUse(String model) {
    return models.contains(model);
  }
}
