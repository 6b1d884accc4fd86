package io.tbms.zoo.model.internal;

import io.tbms.zoo.model.Prediction;
import io.tbms.zoo.model.TextModel;
import java.util.ArrayList;
import java.util.List;

/** A {@link Classifier} whose low-score predictions become {@code oos} (see {@link OosThreshold}). */
public final class ThresholdedModel implements TextModel {

  private final String name;
  private final Classifier classifier;
  private final float threshold;

  ThresholdedModel(String name, Classifier classifier, float threshold) {
    this.name = name;
    this.classifier = classifier;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return name;
  }

  Classifier classifier() {
    return classifier;
  }

  public float threshold() {
    return threshold;
  }

  @Override
  public List<Prediction> predict(List<String> texts, int topClasses) {
    List<Prediction> raw = classifier.classify(texts, topClasses);
    List<Prediction> out = new ArrayList<>(raw.size());
    for (Prediction p : raw) {
      out.add(OosThreshold.apply(p, threshold));
    }
    return out;
  }

  @Override
  public long footprintBytes() {
    return classifier.footprintBytes();
  }

  @Override
  public void close() {
    classifier.close();
  }
}
