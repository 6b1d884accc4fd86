package io.tbms.broker.front;

import io.tbms.broker.config.InstanceConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the task names callers send before they become metric labels or map keys (docs/design.md §7):
 * an instance that declares its tasks keeps those; otherwise the first {@code limit} distinct
 * names it sends are kept. Any other name is reported as {@value #OTHER}; an empty name is the
 * instance's own name. Thread-safe.
 */
public final class TaskNames {

  public static final String OTHER = "other";
  public static final int DEFAULT_LIMIT = 50;

  private final Map<String, Set<String>> declared = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
  private final int limit;

  public TaskNames(List<InstanceConfig> instances, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.limit = limit;
    for (InstanceConfig instance : instances) {
      if (!instance.tasks().isEmpty()) {
        declared.put(instance.name(), Set.copyOf(instance.tasks()));
      }
    }
  }

  public String bound(String instance, String task) {
    String name = task.isEmpty() ? instance : task;
    Set<String> fixed = declared.get(instance);
    if (fixed != null) {
      return fixed.contains(name) || name.equals(instance) ? name : OTHER;
    }
    Set<String> names = seen.computeIfAbsent(instance, i -> new HashSet<>());
    synchronized (names) {
      if (names.contains(name)) {
        return name;
      }
      if (names.size() < limit) {
        names.add(name);
        return name;
      }
    }
    return OTHER;
  }
}
