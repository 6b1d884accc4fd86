package io.tbms.tuner;

/**
 * One measurement of a model: a batch of {@code batchSize} items took {@code batchTimeMillis} ms.
 *
 * @param batchSize the batch size, at least 1
 * @param batchTimeMillis the time one batch of that size takes on one replica, in ms; positive
 */
public record ProfilePoint(int batchSize, double batchTimeMillis) {

  public ProfilePoint {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
    if (!(batchTimeMillis > 0) || !Double.isFinite(batchTimeMillis)) {
      throw new IllegalArgumentException(
          "batchTimeMillis must be a positive number of ms, was " + batchTimeMillis + " (batch size " + batchSize + ")");
    }
  }
}
