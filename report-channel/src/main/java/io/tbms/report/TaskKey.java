package io.tbms.report;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * Whose counts a report row holds: a task of an instance. Two instances may both name a task
 * {@code faq}; their rows never mix, and an instance's own report shows only its keys.
 *
 * @param instance the tenant, from the caller's credentials
 * @param task the task name, already bounded (docs/design.md §7)
 */
public record TaskKey(String instance, String task) implements Serializable, Comparable<TaskKey> {

  private static final Comparator<TaskKey> ORDER = Comparator.comparing(TaskKey::instance).thenComparing(TaskKey::task);

  public TaskKey {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(task, "task");
  }

  @Override
  public int compareTo(TaskKey other) {
    return ORDER.compare(this, other);
  }
}
