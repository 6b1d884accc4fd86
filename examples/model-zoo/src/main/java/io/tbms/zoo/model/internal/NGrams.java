package io.tbms.zoo.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lower-cased word unigrams and bigrams of an utterance: the features of the svm and bayes models. */
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

  static List<String> unigramsAndBigrams(String text) {
    List<String> words = words(text);
    List<String> grams = new ArrayList<>(words.size() * 2);
    grams.addAll(words);
    for (int i = 1; i < words.size(); i++) {
      grams.add(words.get(i - 1) + ' ' + words.get(i));
    }
    return grams;
  }
}
