package io.tbms.report;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The lag histograms' shape and wire form: microseconds from 1 µs to 60 s at two significant
 * digits (quantiles within 1%), compressed with HdrHistogram's own encoding so that brokers can
 * add up each other's samples exactly.
 */
public final class LagHistograms {

  /** The largest lag recorded as itself; larger ones are recorded as this. */
  public static final long HIGHEST_MICROS = 60_000_000L;
  public static final int SIGNIFICANT_DIGITS = 2;

  private LagHistograms() {}

  public static Histogram create() {
    return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  public static byte[] encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return bytes;
  }

  /** Adds the encoded samples to {@code into}. */
  public static void addEncoded(Histogram into, byte[] encoded) {
    try {
      into.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), HIGHEST_MICROS));
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not an encoded lag histogram: " + e.getMessage(), e);
    }
  }

  /** {@code micros} clamped to the recorded range. */
  public static long clamp(long micros) {
    return Math.max(1, Math.min(HIGHEST_MICROS, micros));
  }
}
