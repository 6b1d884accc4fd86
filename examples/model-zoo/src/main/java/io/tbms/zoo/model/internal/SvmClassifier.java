package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.ModelSettings;
import io.tbms.zoo.model.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code svm} model: {@link TfIdf} word n-grams and a {@link LinearHead} (C = {@link
 * ModelSettings#svmC()}), {@code oos} trained as a class of its own.
 *
 * <p>Score: {@link PlattScaling} of the top class's decision value, fitted on the val split, i.e.
 * the estimated probability that the label is right. Class scores: {@link
 * PlattScaling#classProbabilities}. Thread-safe.
 */
final class SvmClassifier implements Classifier {

  private final TfIdf tfidf;
  private final LinearHead head;
  private final PlattScaling platt;

  private SvmClassifier(TfIdf tfidf, LinearHead head, PlattScaling platt) {
    this.tfidf = tfidf;
    this.head = head;
    this.platt = platt;
  }

  static Trained train(Dataset dataset, ModelSettings settings) {
    List<String> texts = dataset.train().stream().map(LabeledText::text).toList();
    TfIdf tfidf = TfIdf.fit(texts, settings.maxNgram());
    Feature[][] x = new Feature[texts.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = tfidf.transform(texts.get(i));
    }
    LinearHead head = LinearHead.train(
        x, dataset.train().stream().map(LabeledText::label).toList(), tfidf.size(), settings.svmC());
    List<Feature[]> val = dataset.val().stream().map(t -> tfidf.transform(t.text())).toList();
    LinearHead.Calibrated calibrated =
        head.calibrate(val, dataset.val().stream().map(LabeledText::label).toList());
    return new Trained(new SvmClassifier(tfidf, head, calibrated.platt()), calibrated.predictions());
  }

  @Override
  public List<Prediction> classify(List<String> texts, int topClasses) {
    List<Prediction> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(head.predict(tfidf.transform(text), platt, topClasses));
    }
    return out;
  }

  @Override
  public long footprintBytes() {
    return head.footprintBytes();
  }

  void save(Path dir) throws IOException {
    tfidf.save(dir);
    head.save(dir);
    Artifacts.writeLines(dir.resolve("platt.txt"), platt.toLines());
  }

  static SvmClassifier load(Path dir, ModelSettings settings) throws IOException {
    return new SvmClassifier(TfIdf.load(dir, settings.maxNgram()), LinearHead.load(dir),
        PlattScaling.fromLines(Artifacts.readLines(dir.resolve("platt.txt"))));
  }
}
