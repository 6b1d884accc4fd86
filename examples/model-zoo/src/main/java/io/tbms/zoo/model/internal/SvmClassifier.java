package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code svm} model: TF-IDF word 1–2-grams and a linear SVM (C = 1), see {@link LinearHead}. */
final class SvmClassifier implements Classifier {

  static final double C = 1.0;

  private final TfIdf tfidf;
  private final LinearHead head;

  private SvmClassifier(TfIdf tfidf, LinearHead head) {
    this.tfidf = tfidf;
    this.head = head;
  }

  static SvmClassifier train(List<LabeledText> train) {
    List<String> texts = train.stream().map(LabeledText::text).toList();
    TfIdf tfidf = TfIdf.fit(texts);
    Feature[][] x = new Feature[texts.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = tfidf.transform(texts.get(i));
    }
    return new SvmClassifier(tfidf, LinearHead.train(x, train.stream().map(LabeledText::label).toList(), tfidf.size(), C));
  }

  @Override
  public List<Prediction> classify(List<String> texts) {
    List<Prediction> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(head.predict(tfidf.transform(text)));
    }
    return out;
  }

  void save(Path dir) throws IOException {
    tfidf.save(dir);
    head.save(dir);
  }

  static SvmClassifier load(Path dir) throws IOException {
    return new SvmClassifier(TfIdf.load(dir), LinearHead.load(dir));
  }
}
