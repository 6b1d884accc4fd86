package io.tbms.broker.batching;

/**
 * One query waiting in a {@link CrossBatcher} for a shared {@code ModelInfer} call.
 *
 * @param id the adapter's id for the member, unique within its batcher
 * @param arrivalNanos when it joined the queue, on the broker's monotonic clock
 * @param waitUntilNanos the latest time it may be sent, on the same clock; see {@link
 *     CrossBatcher#waitUntilNanos}
 */
public record BatchMember(long id, long arrivalNanos, long waitUntilNanos) {}
