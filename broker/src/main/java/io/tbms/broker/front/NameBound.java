package io.tbms.broker.front;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds names that callers choose before they become metric labels or report keys (docs/design.md §7):
 * per instance, the names it declares, or, for an instance that declares none, the first {@code
 * limit} distinct names it sends. Any other name is {@value #OTHER}, so an instance never yields
 * more than {@code limit + 1} values. A name once kept stays kept, and one once refused stays
 * refused, so every caller of {@link #bound} sees the same value for it. Thread-safe.
 */
final class NameBound {

  static final String OTHER = "other";

  private final Map<String, Set<String>> declared;
  private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
  private final int limit;

  /**
   * @param declared per instance, its declared names; an instance absent here keeps the first seen
   * @param limit how many distinct names an instance without declared names keeps, {@code >= 1}
   */
  NameBound(Map<String, Set<String>> declared, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    this.limit = limit;
    Map<String, Set<String>> copy = new HashMap<>();
    declared.forEach((instance, names) -> copy.put(instance, Set.copyOf(names)));
    this.declared = Map.copyOf(copy);
  }

  String bound(String instance, String name) {
    Set<String> fixed = declared.get(instance);
    if (fixed != null) {
      return fixed.contains(name) ? name : OTHER;
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
