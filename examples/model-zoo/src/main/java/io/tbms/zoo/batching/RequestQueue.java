package io.tbms.zoo.batching;

import java.util.AbstractCollection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A model's waiting requests, as Triton's priority queue holds them: one FIFO per priority level
 * ({@link PriorityLevels}), served level 1 first. Iterating gives the order batches are formed in:
 * every request of level 1 oldest first, then level 2, and so on; {@link #poll()} takes the first
 * of that order.
 *
 * <p>It holds what it is given; the caller bounds its size. Not thread-safe: the model runner
 * guards it with its monitor. Pure: it never reads a clock.
 */
public final class RequestQueue<T extends QueuedRequest> extends AbstractCollection<T> {

  private final List<ArrayDeque<T>> levels = new ArrayList<>(PriorityLevels.LEVELS);
  private int size;

  public RequestQueue() {
    for (int i = 0; i < PriorityLevels.LEVELS; i++) {
      levels.add(new ArrayDeque<>());
    }
  }

  /**
   * Queues {@code request} behind every request of its level.
   *
   * @throws IllegalArgumentException when its level is outside 1..{@link PriorityLevels#LEVELS}
   */
  @Override
  public boolean add(T request) {
    int level = request.priorityLevel();
    if (level < 1 || level > PriorityLevels.LEVELS) {
      throw new IllegalArgumentException(
          "priorityLevel must be in 1.." + PriorityLevels.LEVELS + ", was " + level);
    }
    levels.get(level - 1).addLast(request);
    size++;
    return true;
  }

  /** Takes the first request in serving order. */
  public T poll() {
    for (ArrayDeque<T> level : levels) {
      T first = level.pollFirst();
      if (first != null) {
        size--;
        return first;
      }
    }
    throw new NoSuchElementException("the queue is empty");
  }

  /** Takes {@code request} out, wherever it waits; false when it is not queued (by identity). */
  @Override
  public boolean remove(Object request) {
    if (!(request instanceof QueuedRequest queued)) {
      return false;
    }
    int level = queued.priorityLevel();
    if (level < 1 || level > PriorityLevels.LEVELS) {
      return false;
    }
    Iterator<T> it = levels.get(level - 1).iterator();
    while (it.hasNext()) {
      if (it.next() == request) {
        it.remove();
        size--;
        return true;
      }
    }
    return false;
  }

  /**
   * Takes out every request whose deadline has passed ({@code nowNanos > deadlineNanos()}, as
   * Triton's queue policy judges it), in serving order.
   */
  public List<T> removeExpired(long nowNanos) {
    List<T> expired = new ArrayList<>();
    for (ArrayDeque<T> level : levels) {
      Iterator<T> it = level.iterator();
      while (it.hasNext()) {
        T request = it.next();
        if (nowNanos > request.deadlineNanos()) {
          it.remove();
          expired.add(request);
        }
      }
    }
    size -= expired.size();
    return expired;
  }

  @Override
  public int size() {
    return size;
  }

  /** In serving order; read-only. */
  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private int level;
      private Iterator<T> current = levels.get(0).iterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && level < levels.size() - 1) {
          current = levels.get(++level).iterator();
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }
}
