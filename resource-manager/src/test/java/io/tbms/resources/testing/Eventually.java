package io.tbms.resources.testing;

import io.tbms.common.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition of a real, running system until it holds or a deadline passes. */
public final class Eventually {

  private Eventually() {}

  public static boolean holds(Duration within, BooleanSupplier condition) throws InterruptedException {
    Clock clock = Clock.system();
    long deadline = clock.nanoTime() + within.toNanos();
    while (clock.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }
}
