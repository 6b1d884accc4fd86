package io.tbms.report.tuning;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cluster's log of tuning changes: a Hazelcast {@link Ringbuffer} ({@value #RINGBUFFER}) of
 * {@link TuningChange} JSON, written by the tuner (a member or a client) and read by every
 * broker's report. The ring keeps the newest entries (Hazelcast's default capacity); readers
 * ask for the last few. Thread-safe; calls block on the cluster, so keep them off event loops.
 */
public final class TuningLog {

  public static final String RINGBUFFER = "tbms.tuner.changes";

  private final Ringbuffer<String> ring;

  public TuningLog(HazelcastInstance hazelcast) {
    this.ring = Objects.requireNonNull(hazelcast, "hazelcast").getRingbuffer(RINGBUFFER);
  }

  public void publish(TuningChange change) {
    ring.add(change.toJson().encode());
  }

  /** Up to {@code limit} changes, newest first: one read of the ring, however many. */
  public List<TuningChange> recent(int limit) {
    for (int attempt = 0; ; attempt++) {
      long tail = ring.tailSequence();
      if (tail < 0 || limit < 1) {
        return List.of();
      }
      long from = Math.max(ring.headSequence(), tail - limit + 1);
      try {
        ReadResultSet<String> read = ring.readManyAsync(from, 0, limit, null).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        List<TuningChange> changes = new ArrayList<>(read.size());
        read.forEach(json -> changes.add(TuningChange.fromJson(new JsonObject(json))));
        Collections.reverse(changes);
        return changes;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof StaleSequenceException) || attempt > 0) {
          throw new IllegalStateException("cannot read the tuning log: " + e.getCause(), e.getCause());
        }
        // overwritten between reading the head and the entries: read again from the new head
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      } catch (TimeoutException e) {
        throw new IllegalStateException("the tuning log did not answer within 10 s", e);
      }
    }
  }
}
