package io.tbms.zoo.model.internal;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TF-IDF features over word n-grams ({@link NGrams}): sublinear term frequency {@code 1 + ln(tf)}, smoothed idf
 * {@code ln((1 + n) / (1 + df)) + 1}, L2-normalised; terms unseen in training are dropped.
 * Immutable after fitting; thread-safe.
 */
final class TfIdf {

  private final int maxNgram;
  private final Map<String, Integer> index;
  private final double[] idf;

  private TfIdf(int maxNgram, Map<String, Integer> index, double[] idf) {
    this.maxNgram = maxNgram;
    this.index = index;
    this.idf = idf;
  }

  static TfIdf fit(List<String> texts, int maxNgram) {
    Map<String, Integer> index = new HashMap<>();
    List<Integer> df = new ArrayList<>();
    for (String text : texts) {
      for (String gram : new java.util.HashSet<>(NGrams.upTo(text, maxNgram))) {
        Integer id = index.get(gram);
        if (id == null) {
          index.put(gram, df.size());
          df.add(1);
        } else {
          df.set(id, df.get(id) + 1);
        }
      }
    }
    double[] idf = new double[df.size()];
    for (int i = 0; i < idf.length; i++) {
      idf[i] = Math.log((1.0 + texts.size()) / (1.0 + df.get(i))) + 1.0;
    }
    return new TfIdf(maxNgram, index, idf);
  }

  int size() {
    return idf.length;
  }

  /** LIBLINEAR features: 1-based indices, ascending. */
  Feature[] transform(String text) {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (String gram : NGrams.upTo(text, maxNgram)) {
      Integer id = index.get(gram);
      if (id != null) {
        counts.merge(id, 1, Integer::sum);
      }
    }
    Feature[] features = new Feature[counts.size()];
    double norm = 0;
    int k = 0;
    for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
      double value = (1.0 + Math.log(entry.getValue())) * idf[entry.getKey()];
      features[k++] = new FeatureNode(entry.getKey() + 1, value);
      norm += value * value;
    }
    double scale = norm == 0 ? 1 : 1 / Math.sqrt(norm);
    for (Feature f : features) {
      f.setValue(f.getValue() * scale);
    }
    return features;
  }

  void save(Path dir) throws IOException {
    String[] terms = new String[idf.length];
    index.forEach((term, id) -> terms[id] = term);
    List<String> lines = new ArrayList<>(idf.length);
    for (int i = 0; i < idf.length; i++) {
      lines.add(idf[i] + "\t" + terms[i]);
    }
    Artifacts.writeLines(dir.resolve("tfidf.tsv"), lines);
  }

  static TfIdf load(Path dir, int maxNgram) throws IOException {
    List<String> lines = Artifacts.readLines(dir.resolve("tfidf.tsv"));
    Map<String, Integer> index = new HashMap<>(lines.size() * 2);
    double[] idf = new double[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int tab = line.indexOf('\t');
      if (tab < 0) {
        throw new IOException("tfidf.tsv line " + (i + 1) + " has no tab");
      }
      idf[i] = Double.parseDouble(line.substring(0, tab));
      index.put(line.substring(tab + 1), i);
    }
    return new TfIdf(maxNgram, index, idf);
  }
}
