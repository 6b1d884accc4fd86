package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code embedding} model: all-MiniLM-L6-v2 sentence vectors ({@link MiniLmEncoder}) and a
 * linear SVM head (C = {@link #C}, see {@link LinearHead}). Training embeds every training
 * utterance (tens of seconds), so the head is cached; serving embeds each batch for real.
 */
final class EmbeddingClassifier implements Classifier {

  static final double C = 1.0;
  static final int TRAIN_BATCH = 32;

  private final MiniLmEncoder encoder;
  private final LinearHead head;

  private EmbeddingClassifier(MiniLmEncoder encoder, LinearHead head) {
    this.encoder = encoder;
    this.head = head;
  }

  static EmbeddingClassifier train(List<LabeledText> train, MiniLmEncoder trainingEncoder, MiniLmEncoder servingEncoder, Consumer<String> log) {
    Feature[][] x = new Feature[train.size()][];
    for (int start = 0; start < train.size(); start += TRAIN_BATCH) {
      List<LabeledText> slice = train.subList(start, Math.min(train.size(), start + TRAIN_BATCH));
      float[][] vectors = trainingEncoder.encode(slice.stream().map(LabeledText::text).toList());
      for (int i = 0; i < vectors.length; i++) {
        x[start + i] = features(vectors[i]);
      }
      if ((start / TRAIN_BATCH) % 100 == 0) {
        log.accept("embedding: embedded " + start + "/" + train.size() + " training utterances");
      }
    }
    LinearHead head = LinearHead.train(x, train.stream().map(LabeledText::label).toList(), MiniLmEncoder.DIMENSIONS, C);
    return new EmbeddingClassifier(servingEncoder, head);
  }

  static EmbeddingClassifier load(Path dir, MiniLmEncoder servingEncoder) throws IOException {
    return new EmbeddingClassifier(servingEncoder, LinearHead.load(dir));
  }

  void save(Path dir) throws IOException {
    head.save(dir);
  }

  private static Feature[] features(float[] vector) {
    Feature[] features = new Feature[vector.length];
    for (int d = 0; d < vector.length; d++) {
      features[d] = new FeatureNode(d + 1, vector[d]);
    }
    return features;
  }

  @Override
  public List<Prediction> classify(List<String> texts) {
    float[][] vectors = encoder.encode(texts);
    List<Prediction> out = new ArrayList<>(texts.size());
    for (float[] vector : vectors) {
      out.add(head.predict(features(vector)));
    }
    return out;
  }

  @Override
  public long footprintBytes() {
    return encoder.modelBytes();
  }

  @Override
  public void close() {
    encoder.close();
  }
}
