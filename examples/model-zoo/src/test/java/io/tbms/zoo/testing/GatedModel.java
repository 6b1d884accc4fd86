package io.tbms.zoo.testing;

import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real model whose computes wait at a gate until the test opens it, so that a test can hold an
 * instance busy and let requests pile up in the queue behind it. It records every batch it is
 * asked to compute, in order.
 */
public final class GatedModel implements TextModel {

  private final TextModel inner;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);
  private final List<List<String>> batches = new ArrayList<>();

  public GatedModel(TextModel inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<Prediction> predict(List<String> texts, int topClasses) {
    synchronized (batches) {
      batches.add(List.copyOf(texts));
    }
    entered.countDown();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gate was never opened");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return inner.predict(texts, topClasses);
  }

  /** Waits until a compute has started (and is held at the gate unless it is open). */
  public void awaitComputing() throws InterruptedException {
    if (!entered.await(60, TimeUnit.SECONDS)) {
      throw new AssertionError("no compute started");
    }
  }

  /** Lets every compute through, now and from now on. */
  public void open() {
    gate.countDown();
  }

  /** The batches computed so far, in the order they started. */
  public List<List<String>> batches() {
    synchronized (batches) {
      return List.copyOf(batches);
    }
  }
}
