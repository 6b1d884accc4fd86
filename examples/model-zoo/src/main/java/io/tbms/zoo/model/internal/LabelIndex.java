package io.tbms.zoo.model.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Labels to dense class ids and back, in first-seen order. Not thread-safe while being built. */
final class LabelIndex {

  private final List<String> labels = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();

  LabelIndex() {}

  LabelIndex(List<String> labels) {
    labels.forEach(this::idOf);
  }

  int idOf(String label) {
    return ids.computeIfAbsent(label, l -> {
      labels.add(l);
      return labels.size() - 1;
    });
  }

  /** The id of a known label, else -1; never adds one, so safe to call concurrently once built. */
  int find(String label) {
    Integer id = ids.get(label);
    return id == null ? -1 : id;
  }

  String label(int id) {
    return labels.get(id);
  }

  int size() {
    return labels.size();
  }

  List<String> labels() {
    return List.copyOf(labels);
  }
}
