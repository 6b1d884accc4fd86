package io.tbms.zoo.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lower-cased word n-grams of an utterance, the features of the {@code svm} and {@code bayes}
 * models: words are maximal runs of letters and digits (apostrophes dropped, so "what's" is
 * "whats"); n-grams join words with one space. Stateless and thread-safe.
 */
final class NGrams {

  private NGrams() {}

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
      String word = token.replace("'", "");
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  /** Every word n-gram for n in {@code 1..maxN}, shorter first. */
  static List<String> upTo(String text, int maxN) {
    List<String> words = words(text);
    List<String> grams = new ArrayList<>(words.size() * maxN);
    grams.addAll(words);
    for (int n = 2; n <= maxN; n++) {
      for (int i = 0; i + n <= words.size(); i++) {
        grams.add(String.join(" ", words.subList(i, i + n)));
      }
    }
    return grams;
  }
}
