package io.tbms.common.time;

/** {@link Clock} backed by {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
final class SystemClock implements Clock {

  static final SystemClock INSTANCE = new SystemClock();

  private SystemClock() {}

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long wallMillis() {
    return System.currentTimeMillis();
  }
}
