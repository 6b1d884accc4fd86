package io.tbms.bench;

/**
 * A model's profile as the report shows it: measured directly over KServe v2, not timed.
 *
 * @param model the model's name
 * @param idleP50Ms median latency of sequential calls on an idle server, in milliseconds
 * @param queries how many test utterances it labelled (the first ones of the shuffled query set)
 * @param errors how many of those calls failed (counted as wrong)
 * @param accuracy correct labels over {@code queries}
 */
public record ModelQuality(String model, double idleP50Ms, int queries, int errors, double accuracy) {}
