package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.ModelSettings;
import io.tbms.zoo.model.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bayes} model: multinomial naive Bayes over word n-gram counts ({@link NGrams}) with
 * additive smoothing {@code alpha} ({@link ModelSettings#bayesAlpha()}):
 * {@code log P(c | x) ∝ log P(c) + Σ_t n_t(x) · log((n_ct + α) / (n_c + α·|V|))}; terms unseen in
 * training are ignored. The label is the top class.
 *
 * <p>Score: the top class's posterior tempered by {@code T = √n}, n the number of the utterance's
 * n-grams seen in training: {@code 1 / Σ_c exp((ℓ_c − ℓ_top) / T)} (log-sum-exp form, so no
 * underflow). Naive Bayes counts overlapping, correlated n-grams as independent evidence, so its
 * plain posterior is nearly always ≈ 1 and says little; on the CLINC150 val split the tempered
 * score lets the oos threshold catch 65% of out-of-scope utterances instead of 48% (plain
 * posterior; 1/n and a fixed T = 10 were worse), for the same two points of in-scope accuracy.
 *
 * <p>Class scores: the whole tempered posterior, {@code exp((ℓ_c − ℓ_top) / T) / Σ_c' exp((ℓ_c' −
 * ℓ_top) / T)}, which sums to 1; the top class's is the score.
 *
 * <p>Trains in about a second, so it is not cached. Immutable and thread-safe.
 */
final class NaiveBayesClassifier implements Classifier {

  private final int maxNgram;
  private final LabelIndex labels;
  private final Map<String, Integer> vocabulary;
  /** {@code logLikelihood[term * classes + c]}: a term's row is contiguous for the inner loop. */
  private final float[] logLikelihood;
  private final double[] logPrior;

  private NaiveBayesClassifier(int maxNgram, LabelIndex labels, Map<String, Integer> vocabulary,
      float[] logLikelihood, double[] logPrior) {
    this.maxNgram = maxNgram;
    this.labels = labels;
    this.vocabulary = vocabulary;
    this.logLikelihood = logLikelihood;
    this.logPrior = logPrior;
  }

  static NaiveBayesClassifier train(List<LabeledText> train, ModelSettings settings) {
    int maxNgram = settings.maxNgram();
    double alpha = settings.bayesAlpha();
    LabelIndex labels = new LabelIndex();
    Map<String, Integer> vocabulary = new HashMap<>();
    List<int[]> docs = new ArrayList<>(train.size());
    for (LabeledText item : train) {
      labels.idOf(item.label());
      List<String> grams = NGrams.upTo(item.text(), maxNgram);
      int[] ids = new int[grams.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.computeIfAbsent(grams.get(i), g -> vocabulary.size());
      }
      docs.add(ids);
    }
    int classes = labels.size();
    int terms = vocabulary.size();
    double[] counts = new double[terms * classes];
    double[] totals = new double[classes];
    double[] prior = new double[classes];
    for (int d = 0; d < docs.size(); d++) {
      int c = labels.idOf(train.get(d).label());
      prior[c]++;
      for (int term : docs.get(d)) {
        counts[term * classes + c]++;
        totals[c]++;
      }
    }
    float[] logLikelihood = new float[counts.length];
    double[] denominator = new double[classes];
    for (int c = 0; c < classes; c++) {
      denominator[c] = Math.log(totals[c] + alpha * terms);
      prior[c] = Math.log(prior[c] / train.size());
    }
    for (int i = 0; i < counts.length; i++) {
      logLikelihood[i] = (float) (Math.log(counts[i] + alpha) - denominator[i % classes]);
    }
    return new NaiveBayesClassifier(maxNgram, labels, vocabulary, logLikelihood, prior);
  }

  @Override
  public List<Prediction> classify(List<String> texts, int topClasses) {
    int classes = logPrior.length;
    List<Prediction> out = new ArrayList<>(texts.size());
    double[] logPosterior = new double[classes];
    for (String text : texts) {
      System.arraycopy(logPrior, 0, logPosterior, 0, classes);
      int known = 0;
      for (String gram : NGrams.upTo(text, maxNgram)) {
        Integer term = vocabulary.get(gram);
        if (term != null) {
          known++;
          int row = term * classes;
          for (int c = 0; c < classes; c++) {
            logPosterior[c] += logLikelihood[row + c];
          }
        }
      }
      int top = 0;
      for (int c = 1; c < classes; c++) {
        if (logPosterior[c] > logPosterior[top]) {
          top = c;
        }
      }
      double inverseTemperature = 1 / Math.sqrt(Math.max(1, known));
      double sum = 0;
      for (double lp : logPosterior) {
        sum += Math.exp((lp - logPosterior[top]) * inverseTemperature);
      }
      float score = (float) (1.0 / sum);
      if (topClasses == 0) {
        out.add(new Prediction(labels.label(top), score));
        continue;
      }
      double[] posterior = new double[classes];
      for (int c = 0; c < classes; c++) {
        posterior[c] = Math.exp((logPosterior[c] - logPosterior[top]) * inverseTemperature) / sum;
      }
      out.add(new Prediction(labels.label(top), score, ClassRanking.rank(top, posterior, labels, topClasses)));
    }
    return out;
  }

  @Override
  public long footprintBytes() {
    return 4L * logLikelihood.length;
  }
}
