package io.tbms.broker.front;

import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.engine.AcceptedQuery;
import io.tbms.broker.engine.QueryAnswer;
import io.tbms.broker.engine.QueryObserver;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Bounds the mix-group names callers send ({@code groups[].name}) before they become metric
 * labels or report keys, as {@link TaskNames} bounds tasks (docs/design.md §7): an instance that declares
 * its {@code groups} keeps those; otherwise the first {@code limit} distinct names it sends are
 * kept (only groups that answer are counted, since only they are reported). Any other name is
 * reported as {@value #OTHER}. The caller's answer keeps the group's real name; only what the
 * broker counts is bounded. Thread-safe.
 */
public final class GroupNames {

  public static final String OTHER = NameBound.OTHER;
  public static final int DEFAULT_LIMIT = 50;

  private final NameBound names;

  public GroupNames(List<InstanceConfig> instances, int limit) {
    Map<String, Set<String>> declared = new HashMap<>();
    for (InstanceConfig instance : instances) {
      if (!instance.groups().isEmpty()) {
        declared.put(instance.name(), new HashSet<>(instance.groups()));
      }
    }
    this.names = new NameBound(declared, limit);
  }

  public String bound(String instance, String group) {
    return names.bound(instance, group);
  }

  /**
   * {@code observer} as the metrics and the report should see queries: a mix query's answering
   * group ({@link QueryAnswer#answeredBy}) under its bounded name. Model names (plain chains, and
   * the trace's entries, one per model) are the registry's, bounded already, and pass unchanged.
   */
  public QueryObserver bounding(QueryObserver observer) {
    Objects.requireNonNull(observer, "observer");
    return new QueryObserver() {
      @Override
      public void onFinished(AcceptedQuery query, QueryAnswer answer) {
        int rank = answer.result().rank();
        boolean byGroup = answer.result().answered() && rank >= 0 && rank < query.chain().size()
            && query.chain().get(rank).isGroup();
        observer.onFinished(query, byGroup
            ? new QueryAnswer(answer.result(), bound(query.instance(), answer.answeredBy()), answer.trace())
            : answer);
      }

      @Override
      public void onCall(String model, CallResult result, long lagNanos) {
        observer.onCall(model, result, lagNanos);
      }

      @Override
      public void onCallFailed(String model, String reason) {
        observer.onCallFailed(model, reason);
      }
    };
  }
}
