package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import io.tbms.zoo.data.Dataset;
import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.ModelSettings;
import io.tbms.zoo.model.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code embedding} model: all-MiniLM-L6-v2 sentence vectors ({@link MiniLmEncoder}) and a
 * {@link LinearHead} (C = {@link ModelSettings#embeddingHeadC()}), {@code oos} trained as a class
 * of its own. Training embeds every training and val utterance (about 35 s on 2 cores), so the
 * head is cached; serving embeds each batch for real.
 *
 * <p>Score: {@link PlattScaling} of the top class's decision value, fitted on the val split, i.e.
 * the estimated probability that the label is right. Class scores: {@link
 * PlattScaling#classProbabilities}. Thread-safe; owns and closes its serving encoder.
 */
final class EmbeddingClassifier implements Classifier {

  private final MiniLmEncoder encoder;
  private final LinearHead head;
  private final PlattScaling platt;

  private EmbeddingClassifier(MiniLmEncoder encoder, LinearHead head, PlattScaling platt) {
    this.encoder = encoder;
    this.head = head;
    this.platt = platt;
  }

  /**
   * @param trainingEncoder embeds train and val (the caller closes it)
   * @param servingEncoder the encoder the trained model keeps
   */
  static Trained train(Dataset dataset, ModelSettings settings, MiniLmEncoder trainingEncoder,
      MiniLmEncoder servingEncoder, Consumer<String> log) {
    Feature[][] x = embed(dataset.train(), trainingEncoder, settings.embeddingBatchSize(), "training", log)
        .toArray(new Feature[0][]);
    LinearHead head = LinearHead.train(x, dataset.train().stream().map(LabeledText::label).toList(),
        MiniLmEncoder.DIMENSIONS, settings.embeddingHeadC());
    List<Feature[]> val = embed(dataset.val(), trainingEncoder, settings.embeddingBatchSize(), "val", log);
    LinearHead.Calibrated calibrated =
        head.calibrate(val, dataset.val().stream().map(LabeledText::label).toList());
    return new Trained(new EmbeddingClassifier(servingEncoder, head, calibrated.platt()), calibrated.predictions());
  }

  private static List<Feature[]> embed(
      List<LabeledText> items, MiniLmEncoder encoder, int batch, String what, Consumer<String> log) {
    List<Feature[]> rows = new ArrayList<>(items.size());
    for (int start = 0; start < items.size(); start += batch) {
      List<LabeledText> slice = items.subList(start, Math.min(items.size(), start + batch));
      for (float[] vector : encoder.encode(slice.stream().map(LabeledText::text).toList())) {
        rows.add(features(vector));
      }
      if (start > 0 && (start / batch) % 150 == 0) {
        log.accept("embedding: embedded " + start + "/" + items.size() + " " + what + " utterances");
      }
    }
    return rows;
  }

  static EmbeddingClassifier load(Path dir, MiniLmEncoder servingEncoder) throws IOException {
    return new EmbeddingClassifier(servingEncoder, LinearHead.load(dir),
        PlattScaling.fromLines(Artifacts.readLines(dir.resolve("platt.txt"))));
  }

  void save(Path dir) throws IOException {
    head.save(dir);
    Artifacts.writeLines(dir.resolve("platt.txt"), platt.toLines());
  }

  private static Feature[] features(float[] vector) {
    Feature[] features = new Feature[vector.length];
    for (int d = 0; d < vector.length; d++) {
      features[d] = new FeatureNode(d + 1, vector[d]);
    }
    return features;
  }

  @Override
  public List<Prediction> classify(List<String> texts, int topClasses) {
    float[][] vectors = encoder.encode(texts);
    List<Prediction> out = new ArrayList<>(texts.size());
    for (float[] vector : vectors) {
      out.add(head.predict(features(vector), platt, topClasses));
    }
    return out;
  }

  @Override
  public long footprintBytes() {
    return encoder.modelBytes() + head.footprintBytes();
  }

  @Override
  public void close() {
    encoder.close();
  }
}
