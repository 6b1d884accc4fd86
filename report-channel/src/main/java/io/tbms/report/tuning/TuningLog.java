package io.tbms.report.tuning;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

  /** Up to {@code limit} changes, newest first. */
  public List<TuningChange> recent(int limit) {
    List<TuningChange> changes = new ArrayList<>();
    long head = ring.headSequence();
    for (long seq = ring.tailSequence(); seq >= head && changes.size() < limit; seq--) {
      try {
        changes.add(TuningChange.fromJson(new JsonObject(ring.readOne(seq))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (StaleSequenceException e) {
        break; // overwritten while reading: older ones are gone too
      }
    }
    return changes;
  }
}
