package io.tbms.broker.front;

import io.tbms.broker.config.InstanceConfig;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds the task names callers send before they become metric labels or map keys (docs/design.md §7):
 * an instance that declares its tasks keeps those (and its own name); otherwise the first {@code
 * limit} distinct names it sends are kept. Any other name is reported as {@value #OTHER}; an
 * empty name is the instance's own name. Thread-safe.
 */
public final class TaskNames {

  public static final String OTHER = NameBound.OTHER;
  public static final int DEFAULT_LIMIT = 50;

  private final NameBound names;

  public TaskNames(List<InstanceConfig> instances, int limit) {
    Map<String, Set<String>> declared = new HashMap<>();
    for (InstanceConfig instance : instances) {
      if (!instance.tasks().isEmpty()) {
        Set<String> tasks = new HashSet<>(instance.tasks());
        tasks.add(instance.name()); // a query without a task is reported under the instance's name
        declared.put(instance.name(), tasks);
      }
    }
    this.names = new NameBound(declared, limit);
  }

  public String bound(String instance, String task) {
    return names.bound(instance, task.isEmpty() ? instance : task);
  }
}
