package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.tbms.zoo.model.Prediction;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A multi-class linear SVM with an intercept, trained by LIBLINEAR's Crammer–Singer solver
 * ({@code MCSVM_CS}, {@code eps} 0.1): class {@code c} scores {@code w_c · x + b_c} and the top
 * score wins. On CLINC150 it matches one-vs-rest accuracy and trains 4–5× faster (6.5 s instead of
 * 29 s on the 384-d embeddings; measured). The weights are copied out of LIBLINEAR into a flat
 * float array, so prediction allocates one {@code double[classes]} and the cache is a compact
 * binary file. Immutable and thread-safe.
 */
final class LinearHead {

  /** The top class and its decision value {@code w_c · x + b_c}. */
  record Decision(String label, double value) {

    Prediction toPrediction(PlattScaling platt) {
      return new Prediction(label, platt.score(value));
    }
  }

  static final double EPS = 0.1;
  private static final int MAGIC = 0x4C48_0001; // "LH", format 1

  static {
    Linear.disableDebugOutput();
  }

  private final LabelIndex labels;
  private final int features;
  /** {@code weights[f * classes + c]}, 0-based features; row {@code features} is the intercept. */
  private final float[] weights;

  private LinearHead(LabelIndex labels, int features, float[] weights) {
    this.labels = labels;
    this.features = features;
    this.weights = weights;
  }

  /**
   * @param x rows of LIBLINEAR features (1-based indices up to {@code features}, ascending)
   * @param y the label of each row; at least two distinct labels
   */
  static LinearHead train(Feature[][] x, List<String> y, int features, double c) {
    LabelIndex labels = new LabelIndex();
    Problem problem = new Problem();
    problem.l = x.length;
    problem.n = features + 1;
    problem.bias = 1;
    problem.x = new Feature[x.length][];
    problem.y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      Feature[] row = java.util.Arrays.copyOf(x[i], x[i].length + 1);
      row[x[i].length] = new FeatureNode(features + 1, 1.0);
      problem.x[i] = row;
      problem.y[i] = labels.idOf(y.get(i));
    }
    if (labels.size() < 2) {
      throw new IllegalArgumentException("a classifier needs at least 2 labels, found " + labels.labels());
    }
    Parameter parameter = new Parameter(SolverType.MCSVM_CS, c, EPS);
    parameter.setRandom(new Random(0));
    Model model = Linear.train(problem, parameter);
    return new LinearHead(labels, features, flatten(model, features, labels.size()));
  }

  private static float[] flatten(Model model, int features, int classes) {
    double[] w = model.getFeatureWeights();
    int[] classIds = model.getLabels();
    int nrW = w.length / (features + 1);
    float[] weights = new float[(features + 1) * classes];
    for (int f = 0; f <= features; f++) {
      if (nrW == 1) { // LIBLINEAR keeps one vector for two classes
        weights[f * classes + classIds[0]] = (float) w[f];
        weights[f * classes + classIds[1]] = (float) -w[f];
      } else {
        for (int k = 0; k < nrW; k++) {
          weights[f * classes + classIds[k]] = (float) w[f * nrW + k];
        }
      }
    }
    return weights;
  }

  Decision decide(Feature[] x) {
    double[] scores = values(x);
    int top = argmax(scores);
    return new Decision(labels.label(top), scores[top]);
  }

  /**
   * The calibrated prediction for {@code x}; with {@code topClasses > 0} it lists that many
   * classes with the probabilities of {@link PlattScaling#classProbabilities}.
   */
  Prediction predict(Feature[] x, PlattScaling platt, int topClasses) {
    double[] scores = values(x);
    int top = argmax(scores);
    Prediction prediction = new Decision(labels.label(top), scores[top]).toPrediction(platt);
    if (topClasses == 0) {
      return prediction;
    }
    return new Prediction(prediction.label(), prediction.score(),
        ClassRanking.rank(top, platt.classProbabilities(scores, top), labels, topClasses));
  }

  /** The decision value {@code w_c · x + b_c} of every class. */
  private double[] values(Feature[] x) {
    int classes = labels.size();
    double[] scores = new double[classes];
    int bias = features * classes;
    for (int c = 0; c < classes; c++) {
      scores[c] = weights[bias + c];
    }
    for (Feature feature : x) {
      int index = feature.getIndex() - 1;
      if (index >= features) {
        continue;
      }
      int row = index * classes;
      double value = feature.getValue();
      for (int c = 0; c < classes; c++) {
        scores[c] += value * weights[row + c];
      }
    }
    return scores;
  }

  private static int argmax(double[] scores) {
    int top = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[top]) {
        top = c;
      }
    }
    return top;
  }

  /**
   * Fits Platt scaling of the top decision value on held-out rows (never the training rows):
   * target = whether the top label is the gold label.
   *
   * @return the calibration and the calibrated prediction of each row
   */
  Calibrated calibrate(List<Feature[]> x, List<String> gold) {
    double[] values = new double[x.size()];
    boolean[] correct = new boolean[x.size()];
    List<Decision> decisions = new java.util.ArrayList<>(x.size());
    for (int i = 0; i < x.size(); i++) {
      Decision d = decide(x.get(i));
      decisions.add(d);
      values[i] = d.value();
      correct[i] = d.label().equals(gold.get(i));
    }
    PlattScaling platt = PlattScaling.fit(values, correct);
    return new Calibrated(platt, decisions.stream().map(d -> d.toPrediction(platt)).toList());
  }

  /** A fitted calibration and the held-out predictions it produced. */
  record Calibrated(PlattScaling platt, List<Prediction> predictions) {}

  long footprintBytes() {
    return 4L * weights.length;
  }

  void save(Path dir) throws IOException {
    Artifacts.writeLines(dir.resolve("labels.txt"), labels.labels());
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve("head.bin")), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(labels.size());
      out.writeInt(features);
      for (float w : weights) {
        out.writeFloat(w);
      }
    }
  }

  static LinearHead load(Path dir) throws IOException {
    LabelIndex labels = new LabelIndex(Artifacts.readLines(dir.resolve("labels.txt")));
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve("head.bin")), 1 << 16))) {
      int magic = in.readInt();
      int classes = in.readInt();
      int features = in.readInt();
      if (magic != MAGIC || classes != labels.size() || features < 0
          || (long) (features + 1) * classes > Integer.MAX_VALUE) {
        throw new IOException("head.bin does not match labels.txt (" + classes + " classes, "
            + features + " features, magic " + Integer.toHexString(magic) + ")");
      }
      float[] weights = new float[(features + 1) * classes];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = in.readFloat();
      }
      return new LinearHead(labels, features, weights);
    }
  }
}
