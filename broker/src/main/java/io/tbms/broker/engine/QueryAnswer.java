package io.tbms.broker.engine;

import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.query.QueryResult;
import java.util.List;

/**
 * The terminal result of an accepted query, ready for the front to render.
 *
 * @param result the run's result; its trace has one entry per chain step
 * @param answeredBy the name of the step that answered (model or group), empty when EMPTY
 * @param trace one entry per model called or planned (a group's members each get one), in chain order
 */
public record QueryAnswer(QueryResult<ModelAnswer> result, String answeredBy, List<QueryResult.TraceEntry> trace) {

  public QueryAnswer {
    trace = List.copyOf(trace);
  }
}
