package io.tbms.zoo.batching;

/**
 * Triton's request priority as this server serves it: {@value #LEVELS} levels, level 1 served
 * first, then 2, and so on; requests of one level are served in arrival order. A request that
 * gives priority 0 (none) or a level above {@value #LEVELS} gets {@value #DEFAULT_LEVEL}, as Triton
 * gives such a request the model's {@code default_priority_level}.
 *
 * <p>The broker sends its query priorities 0 (most important) .. 9 as levels 1 .. 10, so the default
 * level {@value #DEFAULT_LEVEL} ranks a caller that gives none with the broker's default priority 5.
 */
public final class PriorityLevels {

  /** How many levels there are (Triton's {@code dynamic_batching.priority_levels}). */
  public static final int LEVELS = 10;

  /** The level of a request that gives none (Triton's {@code default_priority_level}). */
  public static final int DEFAULT_LEVEL = 6;

  private PriorityLevels() {}

  /**
   * The level a request of {@code priority} waits at.
   *
   * @param priority Triton's request {@code priority}: 0 for the default, 1 the most important
   */
  public static int of(long priority) {
    return priority >= 1 && priority <= LEVELS ? (int) priority : DEFAULT_LEVEL;
  }
}
