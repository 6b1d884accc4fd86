package io.tbms.broker.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's promise, checked query by query: every accepted query gets exactly one terminal
 * answer (200, {@code ANSWERED} or {@code EMPTY}), and nothing of its chain fired after its budget
 * (the broker fires nothing at or after its deadline, {@code t0 + budget - margin}, by construction).
 * How punctually a busy shared machine's timer then ended the query is timing, not behaviour: it is
 * not a violation, and {@link #maxLateMillis} reports it (QueryRunTest pins the deadline on a manual
 * clock; bench/ measures the rest). Thread-safe: load threads record, the test reads.
 */
public final class AnswerInvariant {

  private double maxLateMillis;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
  private final AtomicInteger checked = new AtomicInteger();

  /** One query's outcome: its response, or the exception that stood in for one. */
  public void record(String id, int budgetMs, HttpResponse<String> response, Exception failure) {
    checked.incrementAndGet();
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
    JsonArray trace = answer.getJsonArray("trace");
    for (int i = 0; i < trace.size(); i++) {
      JsonObject entry = trace.getJsonObject(i);
      if (!"NOT_FIRED".equals(entry.getString("outcome")) && entry.getDouble("fired_ms") > budgetMs) {
        violations.add(id + ": " + entry.getString("model") + " fired after the budget of " + budgetMs + " ms: "
            + answer.encode());
      }
    }
    synchronized (this) {
      maxLateMillis = Math.max(maxLateMillis, answer.getDouble("elapsed_ms") - budgetMs);
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
