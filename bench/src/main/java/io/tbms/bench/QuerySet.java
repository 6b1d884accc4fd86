package io.tbms.bench;

import io.tbms.zoo.data.LabeledText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's queries: the CLINC150 test utterances in one seeded shuffle, cycled. Every
 * target and load starts at index 0, so all runs send the same utterances in the same order.
 * Immutable and thread-safe.
 */
final class QuerySet {

  private final List<LabeledText> items;

  QuerySet(List<LabeledText> testSplit, long seed) {
    if (testSplit.isEmpty()) {
      throw new IllegalArgumentException("the test split must not be empty");
    }
    List<LabeledText> shuffled = new ArrayList<>(testSplit);
    Collections.shuffle(shuffled, new Random(seed));
    this.items = List.copyOf(shuffled);
  }

  /** The {@code index}-th query, cycling through the set. */
  LabeledText get(long index) {
    return items.get((int) Math.floorMod(index, (long) items.size()));
  }

  int size() {
    return items.size();
  }
}
