package io.tbms.broker.front;

import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.ModelGroup;
import java.util.Optional;
import java.util.Set;

/**
 * The limits of docs/design.md §2 on a {@code MixTry} query: those of {@link TryRequestCheck} for the
 * budget, query, cross-request and priority fields; a chain of 1..16 named groups, each of 1..16
 * known models. Pure and thread-safe.
 */
public final class MixTryRequestCheck {

  private MixTryRequestCheck() {}

  public static Optional<BadRequest> check(MixTryRequest request, Set<String> knownModels) {
    return TryRequestCheck.budgetAndQuery(request.getBudgetMs(), request.hasQuery() ? request.getQuery() : null)
        .or(() -> groups(request, knownModels))
        .or(() -> TryRequestCheck.rest(request.getBudgetMs(), request.getCrossLagMs(), request.hasPriority(),
            request.getPriority()));
  }

  private static Optional<BadRequest> groups(MixTryRequest request, Set<String> knownModels) {
    int groups = request.getGroupsCount();
    if (groups < 1 || groups > TryRequestCheck.MAX_CHAIN) {
      return TryRequestCheck.bad("groups", "must hold 1.." + TryRequestCheck.MAX_CHAIN + " entries, held " + groups);
    }
    for (int g = 0; g < groups; g++) {
      ModelGroup group = request.getGroups(g);
      String at = "groups[" + g + "]";
      if (group.getName().isBlank()) {
        return TryRequestCheck.bad(at + ".name", "is required");
      }
      Optional<BadRequest> bad = TryRequestCheck.chain(group.getModelsList(), at + ".models", knownModels);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }
}
