package io.tbms.broker.front;

import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The limits of docs/design.md §2 on a {@code Try} query, checked before admission. The first violation
 * found is returned as a value; a valid query returns empty. Pure and thread-safe.
 */
public final class TryRequestCheck {

  public static final int MAX_BUDGET_MS = 60_000;
  public static final int MAX_CHAIN = 16;
  public static final int MAX_PRIORITY = 9;
  public static final int MAX_QUERY_BYTES = 1 << 20;

  private TryRequestCheck() {}

  /** @param knownModels the names a query may use: the registry's model names and their aliases */
  public static Optional<BadRequest> check(TryRequest request, Set<String> knownModels) {
    return budgetAndQuery(request.getBudgetMs(), request.hasQuery() ? request.getQuery() : null)
        .or(() -> chain(request.getModelsList(), "models", knownModels))
        .or(() -> rest(request.getBudgetMs(), request.getCrossLagMs(), request.hasPriority(), request.getPriority()));
  }

  static Optional<BadRequest> budgetAndQuery(int budgetMs, Query query) {
    if (budgetMs < 1 || budgetMs > MAX_BUDGET_MS) {
      return bad("budget_ms", "must be in 1.." + MAX_BUDGET_MS + ", was " + Integer.toUnsignedString(budgetMs));
    }
    if (query == null || (query.getText().isEmpty() && query.getInputsCount() == 0)) {
      return bad("query", "needs text or inputs");
    }
    int queryBytes = query.getText().getBytes(StandardCharsets.UTF_8).length;
    if (queryBytes > MAX_QUERY_BYTES) {
      return bad("query.text", "must be at most " + MAX_QUERY_BYTES + " bytes, was " + queryBytes);
    }
    return Optional.empty();
  }

  /** @param at the chain's field name, e.g. {@code models} or {@code groups[1].models} */
  static Optional<BadRequest> chain(List<ModelRef> models, String at, Set<String> knownModels) {
    int chain = models.size();
    if (chain < 1 || chain > MAX_CHAIN) {
      return bad(at, "must hold 1.." + MAX_CHAIN + " entries, held " + chain);
    }
    for (int i = 0; i < chain; i++) {
      ModelRef model = models.get(i);
      String field = at + "[" + i + "]";
      if (model.getName().isBlank()) {
        return bad(field + ".name", "is required");
      }
      if (!knownModels.contains(model.getName())) {
        return bad(field + ".name", "unknown model '" + model.getName() + "'");
      }
      if (model.hasEstMs() && !(model.getEstMs() >= 0 && Double.isFinite(model.getEstMs()))) {
        return bad(field + ".est_ms", "must be a finite number >= 0, was " + model.getEstMs());
      }
    }
    return Optional.empty();
  }

  static Optional<BadRequest> rest(int budgetMs, int crossLagMs, boolean hasPriority, int priority) {
    if (Integer.compareUnsigned(crossLagMs, budgetMs) > 0) {
      return bad("cross_lag_ms", "must not exceed budget_ms (" + budgetMs + "), was " + Integer.toUnsignedString(crossLagMs));
    }
    if (hasPriority && Integer.compareUnsigned(priority, MAX_PRIORITY) > 0) {
      return bad("priority", "must be in 0.." + MAX_PRIORITY + ", was " + Integer.toUnsignedString(priority));
    }
    return Optional.empty();
  }

  static Optional<BadRequest> bad(String field, String message) {
    return Optional.of(new BadRequest(field, message));
  }
}
