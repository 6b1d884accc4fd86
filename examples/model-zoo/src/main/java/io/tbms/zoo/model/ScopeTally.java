package io.tbms.zoo.model;

/**
 * Counts how a model's labels compare with gold labels on a split with out-of-scope items:
 * in-scope accuracy (an {@code oos} answer to an in-scope item is wrong) and out-of-scope recall.
 * Not thread-safe.
 */
public final class ScopeTally {

  private int inScope;
  private int correct;
  private int outOfScope;
  private int caught;

  public void add(String gold, String predicted) {
    if (gold.equals(Prediction.OUT_OF_SCOPE)) {
      outOfScope++;
      caught += predicted.equals(gold) ? 1 : 0;
    } else {
      inScope++;
      correct += predicted.equals(gold) ? 1 : 0;
    }
  }

  /** Share of in-scope items given their gold label; 0 when there are none. */
  public double accuracy() {
    return inScope == 0 ? 0 : (double) correct / inScope;
  }

  /** Share of out-of-scope items labelled {@code oos}; 0 when there are none. */
  public double oosRecall() {
    return outOfScope == 0 ? 0 : (double) caught / outOfScope;
  }
}
