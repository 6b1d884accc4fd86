package io.tbms.broker.front;

import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.TryRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * The limits of DESIGN §2 on a {@code Try} query, checked before admission. The first violation
 * found is returned as a value; a valid query returns empty. Pure and thread-safe.
 */
public final class TryRequestCheck {

  public static final int MAX_BUDGET_MS = 60_000;
  public static final int MAX_CHAIN = 16;
  public static final int MAX_PRIORITY = 9;
  public static final int MAX_QUERY_BYTES = 1 << 20;

  private TryRequestCheck() {}

  /** @param knownModels the model names the registry serves */
  public static Optional<BadRequest> check(TryRequest request, Set<String> knownModels) {
    if (request.getBudgetMs() < 1 || request.getBudgetMs() > MAX_BUDGET_MS) {
      return bad("budget_ms", "must be in 1.." + MAX_BUDGET_MS + ", was " + request.getBudgetMs());
    }
    if (!request.hasQuery() || (request.getQuery().getText().isEmpty() && request.getQuery().getInputsCount() == 0)) {
      return bad("query", "needs text or inputs");
    }
    int queryBytes = request.getQuery().getText().getBytes(StandardCharsets.UTF_8).length;
    if (queryBytes > MAX_QUERY_BYTES) {
      return bad("query.text", "must be at most " + MAX_QUERY_BYTES + " bytes, was " + queryBytes);
    }
    int chain = request.getModelsCount();
    if (chain < 1 || chain > MAX_CHAIN) {
      return bad("models", "must hold 1.." + MAX_CHAIN + " entries, held " + chain);
    }
    for (int i = 0; i < chain; i++) {
      ModelRef model = request.getModels(i);
      String field = "models[" + i + "]";
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
    if (request.getCrossLagMs() > request.getBudgetMs()) {
      return bad("cross_lag_ms", "must not exceed budget_ms (" + request.getBudgetMs() + "), was " + request.getCrossLagMs());
    }
    if (request.hasPriority() && request.getPriority() > MAX_PRIORITY) {
      return bad("priority", "must be in 0.." + MAX_PRIORITY + ", was " + request.getPriority());
    }
    return Optional.empty();
  }

  private static Optional<BadRequest> bad(String field, String message) {
    return Optional.of(new BadRequest(field, message));
  }
}
