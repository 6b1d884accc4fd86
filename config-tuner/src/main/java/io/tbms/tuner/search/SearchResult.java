package io.tbms.tuner.search;

import io.tbms.tuner.BatchConfiguration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ExhaustiveSearch} found.
 *
 * @param best the preferred qualifying configuration, empty when none qualifies within the bounds
 * @param evaluations how many batch times {@code T(b)} were asked for (the measurements a sweep needs)
 * @param candidates how many (batch size, replica count) pairs were evaluated
 */
public record SearchResult(Optional<BatchConfiguration> best, int evaluations, long candidates) {

  public SearchResult {
    Objects.requireNonNull(best, "best");
    if (evaluations < 0) {
      throw new IllegalArgumentException("evaluations must be >= 0, was " + evaluations);
    }
  }
}
