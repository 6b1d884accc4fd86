package io.tbms.broker.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.engine.AcceptedQuery;
import io.tbms.broker.engine.ChainStep;
import io.tbms.broker.engine.QueryAnswer;
import io.tbms.broker.query.Outcome;
import io.tbms.broker.query.Policy;
import io.tbms.broker.query.QueryResult;
import io.tbms.report.ReportEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportingObserverTest {

  @Test
  void everyChainEntryTheQueryReachedWantsItsModelCalledOrNot() {
    List<ReportEvent> events = new ArrayList<>();
    ReportingObserver observer = new ReportingObserver(events::add);
    List<QueryResult.TraceEntry> trace = List.of(
        new QueryResult.TraceEntry("embedding", Outcome.SKIPPED_LAG, 0, -1),
        new QueryResult.TraceEntry("svm", Outcome.SHED, 0, -1),
        new QueryResult.TraceEntry("bayes", Outcome.ANSWERED, 0, 9_000_000),
        new QueryResult.TraceEntry("keyword", Outcome.NOT_FIRED, 15_000_000, -1));
    QueryResult<ModelAnswer> result =
        new QueryResult<>(Optional.of(new ModelAnswer("alarm", 0.9f)), 2, 9_000_000, trace);
    AcceptedQuery query = new AcceptedQuery("demo", "faq", new InferInput.Texts(List.of("set an alarm")),
        List.of(ChainStep.single("embedding", "", Duration.ofMillis(35))), Duration.ofMillis(50), Policy.FIRST, 0,
        false, false, Duration.ZERO, 0);

    observer.onFinished(query, new QueryAnswer(result, "bayes", trace));

    assertThat(events).filteredOn(ReportEvent.Wanted.class::isInstance)
        .containsExactly(new ReportEvent.Wanted("embedding"), new ReportEvent.Wanted("svm"), new ReportEvent.Wanted("bayes"));
    assertThat(events).contains(new ReportEvent.Answered("demo", "faq", "bayes", 2, 9_000_000),
        new ReportEvent.Skipped("demo", "faq", "embedding", "SKIPPED_LAG"), new ReportEvent.Shed("demo", "faq", "svm"));
  }
}
