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
 */
public record InstanceConfig(String name, Set<String> models, List<Credential> credentials, List<String> tasks) {

  public InstanceConfig {
    Objects.requireNonNull(name, "name");
    models = Set.copyOf(models);
    credentials = List.copyOf(credentials);
    tasks = List.copyOf(tasks);
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    for (Credential credential : credentials) {
      if (!credential.instance().equals(name)) {
        throw new IllegalArgumentException("credential '" + credential.accessId() + "' acts for '"
            + credential.instance() + "', not for instance '" + name + "'");
      }
    }
  }

  public boolean mayUse(String model) {
    return models.contains(model);
  }
}
