package io.tbms.broker.testing;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's promise, checked query by query: every accepted query gets exactly one terminal
 * answer (200, {@code ANSWERED} or {@code EMPTY}), and by its deadline: {@code elapsed_ms} on the
 * broker's clock within the budget plus {@code brokerLateMillis} (a deadline timer on a busy shared
 * machine fires a little late; {@link #maxLateMillis} says by how much it did), and on the caller's
 * clock within the budget plus {@code callerSlackMillis}. Thread-safe: load threads record, the
 * test reads.
 */
public final class AnswerInvariant {

  private final long brokerLateMillis;
  private final long slackMillis;
  private double maxLateMillis;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
  private final AtomicInteger checked = new AtomicInteger();

  public AnswerInvariant(long brokerLateMillis, long callerSlackMillis) {
    this.brokerLateMillis = brokerLateMillis;
    this.slackMillis = callerSlackMillis;
  }

  /** One query's outcome: its response, or the exception that stood in for one. */
  public void record(String id, int budgetMs, long sentNanos, long doneNanos, HttpResponse<String> response, Exception failure) {
    checked.incrementAndGet();
    long clientMs = (doneNanos - sentNanos) / 1_000_000;
    if (failure != null) {
      violations.add(id + ": no answer: " + failure);
      return;
    }
    if (response.statusCode() != 200) {
      violations.add(id + ": HTTP " + response.statusCode() + " " + response.body());
      return;
    }
    JsonObject answer = new JsonObject(response.body());
    String status = answer.getString("status");
    if (!"ANSWERED".equals(status) && !"EMPTY".equals(status)) {
      violations.add(id + ": status " + status);
      return;
    }
    double elapsed = answer.getDouble("elapsed_ms");
    synchronized (this) {
      maxLateMillis = Math.max(maxLateMillis, elapsed - budgetMs);
    }
    if (elapsed > budgetMs + brokerLateMillis) {
      violations.add(id + ": answered after " + elapsed + " ms on the broker's clock, budget " + budgetMs + " + "
          + brokerLateMillis);
    }
    if (clientMs > budgetMs + slackMillis) {
      violations.add(id + ": the caller waited " + clientMs + " ms, budget " + budgetMs + " + " + slackMillis);
    }
    String model = "ANSWERED".equals(status) ? answer.getString("model") : "EMPTY";
    answeredBy.computeIfAbsent(model, m -> new AtomicInteger()).incrementAndGet();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** How far past its budget the latest answer came, on the broker's clock; 0 or less when none was late. */
  public synchronized double maxLateMillis() {
    return maxLateMillis;
  }

  public int checked() {
    return checked.get();
  }

  /** Answers so far by the model that gave them ({@code EMPTY} for empty answers). */
  public int answeredBy(String model) {
    AtomicInteger count = answeredBy.get(model);
    return count == null ? 0 : count.get();
  }
}
