package io.tbms.broker.mix;

import java.util.Optional;

/**
 * How a mix group ({@code {"name":"mix1","combine":"max"|"avg","models":[…]}}) turns its members'
 * answers into one; see {@link Combiner} for the exact rules.
 */
public enum Combine {
  /** The member answer with the highest score. */
  MAX,
  /**
   * Per class, the members' class scores averaged over the members that answered (top-k when they
   * return them, else top-1); the best class wins.
   */
  AVG;

  /** Parses a wire name, ignoring case; an unknown name gives empty. */
  public static Optional<Combine> parse(String wireName) {
    for (Combine combine : values()) {
      if (combine.name().equalsIgnoreCase(wireName)) {
        return Optional.of(combine);
      }
    }
    return Optional.empty();
  }
}
