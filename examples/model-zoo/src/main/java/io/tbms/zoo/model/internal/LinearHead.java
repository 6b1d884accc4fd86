package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import io.tbms.zoo.model.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-vs-rest linear SVM (LIBLINEAR, L2-regularised L2-loss, dual) over sparse features.
 *
 * <p>Score: the softmax of the per-class decision values taken at temperature {@link #TEMPERATURE},
 * evaluated for the top class, so it lies in {@code [0, 1]} and grows with the margin over the
 * runner-up classes. Thread-safe after training (LIBLINEAR's predict only reads the model).
 */
final class LinearHead {

  static final double TEMPERATURE = 0.1;

  private final Model model;
  private final LabelIndex labels;

  private LinearHead(Model model, LabelIndex labels) {
    this.model = model;
    this.labels = labels;
  }

  static LinearHead train(Feature[][] x, List<String> y, int features, double c) {
    LabelIndex labels = new LabelIndex();
    Problem problem = new Problem();
    problem.l = x.length;
    problem.n = features;
    problem.x = x;
    problem.y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      problem.y[i] = labels.idOf(y.get(i));
    }
    Linear.disableDebugOutput();
    Model model = Linear.train(problem, new Parameter(SolverType.L2R_L2LOSS_SVC_DUAL, c, 0.1));
    return new LinearHead(model, labels);
  }

  Prediction predict(Feature[] x) {
    double[] decision = new double[model.getNrClass()];
    Linear.predictValues(model, x, decision);
    int[] classIds = model.getLabels();
    int top = 0;
    for (int k = 1; k < decision.length; k++) {
      if (decision[k] > decision[top]) {
        top = k;
      }
    }
    double sum = 0;
    for (double d : decision) {
      sum += Math.exp((d - decision[top]) / TEMPERATURE);
    }
    return new Prediction(labels.label(classIds[top]), (float) (1.0 / sum));
  }

  void save(Path dir) throws IOException {
    model.save(dir.resolve("head.model"));
    Artifacts.writeLines(dir.resolve("labels.txt"), labels.labels());
  }

  static LinearHead load(Path dir) throws IOException {
    return new LinearHead(Model.load(dir.resolve("head.model")), new LabelIndex(Artifacts.readLines(dir.resolve("labels.txt"))));
  }
}
