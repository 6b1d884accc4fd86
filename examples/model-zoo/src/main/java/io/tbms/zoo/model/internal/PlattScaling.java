package io.tbms.zoo.model.internal;

import java.io.IOException;
import java.util.List;

/**
 * Platt scaling: maps a decision value {@code f} to {@code σ(a·f + b) = 1 / (1 + e^-(a·f + b))},
 * the estimated probability that the prediction is right. {@code a} and {@code b} are fitted by
 * maximum likelihood on held-out data with Platt's smoothed targets, using the Newton method with
 * backtracking of Lin, Lin and Weng, "A note on Platt's probabilistic outputs for support vector
 * machines" (2007). Immutable and thread-safe.
 *
 * @param a slope (positive when larger decision values are more often right)
 * @param b offset
 */
record PlattScaling(double a, double b) {

  /** {@code σ(f)}: the mapping when there is nothing to fit on. */
  static final PlattScaling IDENTITY = new PlattScaling(1, 0);

  PlattScaling {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("Platt parameters must be finite, were a=" + a + " b=" + b);
    }
  }

  List<String> toLines() {
    return List.of(Double.toString(a), Double.toString(b));
  }

  static PlattScaling fromLines(List<String> lines) throws IOException {
    if (lines.size() != 2) {
      throw new IOException("expected 2 Platt parameters, found " + lines.size());
    }
    try {
      return new PlattScaling(Double.parseDouble(lines.get(0)), Double.parseDouble(lines.get(1)));
    } catch (IllegalArgumentException e) {
      throw new IOException("bad Platt parameters " + lines, e);
    }
  }

  float score(double decision) {
    return (float) probability(decision);
  }

  private double probability(double decision) {
    return 1 / (1 + Math.exp(-(a * decision + b)));
  }

  /**
   * A probability for every class of a linear classifier, from the decision values of all its
   * classes. The top class gets its calibrated probability {@code p = σ(a·f_top + b)} (exactly
   * {@link #score}); the other classes share the rest, {@code 1 − p}, in proportion to
   * {@code exp(a·(f_c − f_top))} — a softmax at the calibration's own slope, equal shares when
   * the slope is not positive — each capped at {@code p}, so the top class stays the most likely.
   * The probabilities sum to 1, or less when a cap bites.
   *
   * @param decision the decision value of every class
   * @param top the index of the largest decision value
   */
  double[] classProbabilities(double[] decision, int top) {
    double topProbability = probability(decision[top]);
    double slope = Math.max(0, a);
    double[] probabilities = new double[decision.length];
    double sum = 0;
    for (int c = 0; c < decision.length; c++) {
      if (c != top) {
        probabilities[c] = Math.exp(slope * (decision[c] - decision[top]));
        sum += probabilities[c];
      }
    }
    double rest = 1 - topProbability;
    for (int c = 0; c < decision.length; c++) {
      probabilities[c] = sum > 0 ? Math.min(topProbability, rest * probabilities[c] / sum) : 0;
    }
    probabilities[top] = topProbability;
    return probabilities;
  }

  /**
   * @param decision the decision value of each held-out prediction
   * @param correct whether that prediction was right
   */
  static PlattScaling fit(double[] decision, boolean[] correct) {
    int n = decision.length;
    int positives = 0;
    for (boolean c : correct) {
      positives += c ? 1 : 0;
    }
    int negatives = n - positives;
    if (n == 0) {
      return IDENTITY;
    }
    double hi = (positives + 1.0) / (positives + 2.0);
    double lo = 1.0 / (negatives + 2.0);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = correct[i] ? hi : lo;
    }
    // Platt's parametrisation: P(right | f) = 1 / (1 + exp(A f + B)).
    double pa = 0;
    double pb = Math.log((negatives + 1.0) / (positives + 1.0));
    double value = loss(decision, t, pa, pb);
    for (int iteration = 0; iteration < 100; iteration++) {
      double h11 = 1e-12;
      double h22 = 1e-12;
      double h21 = 0;
      double g1 = 0;
      double g2 = 0;
      for (int i = 0; i < n; i++) {
        double fApB = decision[i] * pa + pb;
        double p;
        double q;
        if (fApB >= 0) {
          p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
          q = 1 / (1 + Math.exp(-fApB));
        } else {
          p = 1 / (1 + Math.exp(fApB));
          q = Math.exp(fApB) / (1 + Math.exp(fApB));
        }
        double d2 = p * q;
        h11 += decision[i] * decision[i] * d2;
        h22 += d2;
        h21 += decision[i] * d2;
        double d1 = t[i] - p;
        g1 += decision[i] * d1;
        g2 += d1;
      }
      if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
        break;
      }
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      double gd = g1 * da + g2 * db;
      double step = 1;
      while (step >= 1e-10) {
        double na = pa + step * da;
        double nb = pb + step * db;
        double nv = loss(decision, t, na, nb);
        if (nv < value + 1e-4 * step * gd) {
          pa = na;
          pb = nb;
          value = nv;
          break;
        }
        step /= 2;
      }
      if (step < 1e-10) {
        break;
      }
    }
    return new PlattScaling(-pa, -pb);
  }

  private static double loss(double[] f, double[] t, double pa, double pb) {
    double sum = 0;
    for (int i = 0; i < f.length; i++) {
      double fApB = f[i] * pa + pb;
      sum += fApB >= 0
          ? t[i] * fApB + Math.log1p(Math.exp(-fApB))
          : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return sum;
  }
}
