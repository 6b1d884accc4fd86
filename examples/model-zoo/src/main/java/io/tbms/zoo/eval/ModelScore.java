package io.tbms.zoo.eval;

/**
 * How one model does on a dataset's test split.
 *
 * @param accuracy share of in-scope test utterances given their gold label
 * @param oosRecall share of out-of-scope test utterances labelled {@code oos}
 * @param p50MillisBatch1 median time of one {@code predict} call with one utterance, in ms
 * @param p50MillisBatch32 median time of one {@code predict} call with 32 utterances, in ms
 */
public record ModelScore(double accuracy, double oosRecall, double p50MillisBatch1, double p50MillisBatch32) {}
