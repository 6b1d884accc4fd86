package io.tbms.bench;

import java.util.List;

/** The model chains the bench sends, as the reference model server's models are estimated. */
final class Chains {

  /** The reference chain, best first: embedding 35 ms, svm 25, bayes 15, keyword 5. */
  static final List<ChainEntry> FULL = List.of(
      new ChainEntry("embedding", 35),
      new ChainEntry("svm", 25),
      new ChainEntry("bayes", 15),
      new ChainEntry("keyword", 5));

  /** svm alone, for the broker-overhead pair. */
  static final List<ChainEntry> SVM_ONLY = List.of(new ChainEntry("svm", 25));

  private Chains() {}
}
