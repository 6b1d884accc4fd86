package io.tbms.broker.config;

import io.tbms.broker.auth.Credential;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant of the broker: the models its queries may use, the credentials that act for it, and
 * the task and mix-group names it declares for reporting (either may be empty: then the first
 * names seen are kept, see {@code TaskNames} and {@code GroupNames}).
 *
 * @param name the instance name, e.g. {@code demo}
 * @param models the model names its chains may hold; another model gives 403
 * @param credentials the access ids and keys that sign its requests
 * @param tasks declared task names; empty when not declared
 * @param maxQueriesPerSecond the most queries per second each broker accepts from this instance
 *     (more get 429); 0 for no limit
 * @param groups declared mix-group names (metric labels and report keys); empty when not declared
 */
public record InstanceConfig(String name, Set<String> models, List<Credential> credentials, List<String> tasks,
    double maxQueriesPerSecond, List<String> groups) {

  public InstanceConfig {
    Objects.requireNonNull(name, "name");
    models = Set.copyOf(models);
    credentials = List.copyOf(credentials);
    tasks = List.copyOf(tasks);
    groups = List.copyOf(groups);
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

  /** Without declared group names. */
  public InstanceConfig(String name, Set<String> models, List<Credential> credentials, List<String> tasks,
      double maxQueriesPerSecond) {
    this(name, models, credentials, tasks, maxQueriesPerSecond, List.of());
  }

  /** Without a rate limit or declared group names. */
  public InstanceConfig(String name, Set<String> models, List<Credential> credentials, List<String> tasks) {
    this(name, models, credentials, tasks, 0, List.of());
  }

  public boolean mayUse(String model) {
    return models.contains(model);
  }
}
