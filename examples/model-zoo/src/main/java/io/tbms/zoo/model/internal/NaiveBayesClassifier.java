package io.tbms.zoo.model.internal;

import io.tbms.zoo.data.LabeledText;
import io.tbms.zoo.model.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bayes} model: multinomial naive Bayes over word 1–2-gram counts with additive
 * smoothing {@code alpha = 0.01}. Score: the top class's posterior probability (log-sum-exp
 * normalised over all classes). Trains in about a second, so it is not cached.
 */
final class NaiveBayesClassifier implements Classifier {

  static final double ALPHA = 0.01;

  private final LabelIndex labels;
  private final Map<String, Integer> vocabulary;
  private final double[][] logLikelihood; // [class][term]
  private final double[] logPrior;

  private NaiveBayesClassifier(LabelIndex labels, Map<String, Integer> vocabulary, double[][] logLikelihood, double[] logPrior) {
    this.labels = labels;
    this.vocabulary = vocabulary;
    this.logLikelihood = logLikelihood;
    this.logPrior = logPrior;
  }

  static NaiveBayesClassifier train(List<LabeledText> train) {
    LabelIndex labels = new LabelIndex();
    Map<String, Integer> vocabulary = new HashMap<>();
    List<int[]> docs = new ArrayList<>();
    for (LabeledText item : train) {
      labels.idOf(item.label());
      List<String> grams = NGrams.unigramsAndBigrams(item.text());
      int[] ids = new int[grams.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = vocabulary.computeIfAbsent(grams.get(i), g -> vocabulary.size());
      }
      docs.add(ids);
    }
    int classes = labels.size();
    int terms = vocabulary.size();
    double[][] counts = new double[classes][terms];
    double[] totals = new double[classes];
    double[] prior = new double[classes];
    for (int d = 0; d < docs.size(); d++) {
      int c = labels.idOf(train.get(d).label());
      prior[c]++;
      for (int term : docs.get(d)) {
        counts[c][term]++;
        totals[c]++;
      }
    }
    for (int c = 0; c < classes; c++) {
      double denominator = Math.log(totals[c] + ALPHA * terms);
      for (int t = 0; t < terms; t++) {
        counts[c][t] = Math.log(counts[c][t] + ALPHA) - denominator;
      }
      prior[c] = Math.log(prior[c] / train.size());
    }
    return new NaiveBayesClassifier(labels, vocabulary, counts, prior);
  }

  @Override
  public List<Prediction> classify(List<String> texts) {
    List<Prediction> out = new ArrayList<>(texts.size());
    double[] logPosterior = new double[labels.size()];
    for (String text : texts) {
      System.arraycopy(logPrior, 0, logPosterior, 0, logPrior.length);
      for (String gram : NGrams.unigramsAndBigrams(text)) {
        Integer term = vocabulary.get(gram);
        if (term != null) {
          for (int c = 0; c < logPosterior.length; c++) {
            logPosterior[c] += logLikelihood[c][term];
          }
        }
      }
      int top = 0;
      for (int c = 1; c < logPosterior.length; c++) {
        if (logPosterior[c] > logPosterior[top]) {
          top = c;
        }
      }
      double sum = 0;
      for (double lp : logPosterior) {
        sum += Math.exp(lp - logPosterior[top]);
      }
      out.add(new Prediction(labels.label(top), (float) (1.0 / sum)));
    }
    return out;
  }
}
