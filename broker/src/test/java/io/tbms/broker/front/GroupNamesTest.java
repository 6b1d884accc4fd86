package io.tbms.broker.front;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tbms.broker.auth.Credential;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.engine.AcceptedQuery;
import io.tbms.broker.engine.ChainStep;
import io.tbms.broker.engine.QueryAnswer;
import io.tbms.broker.engine.QueryObserver;
import io.tbms.broker.metrics.BrokerMetrics;
import io.tbms.broker.metrics.MetricNames;
import io.tbms.broker.mix.Combine;
import io.tbms.broker.query.Outcome;
import io.tbms.broker.query.Policy;
import io.tbms.broker.query.QueryResult;
import io.tbms.broker.report.ReportingObserver;
import io.tbms.report.ReportEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 14: mix-group names reach metrics and the report bounded, as task names do. */
class GroupNamesTest {

  static final int LIMIT = 5;

  static InstanceConfig instance(String name, List<String> groups) {
    return new InstanceConfig(name, Set.of("svm"), List.of(new Credential(name, "k", name)), List.of(), 0, groups);
  }

  static AcceptedQuery mixQuery(String instance, String group) {
    ChainStep step = new ChainStep(group, Duration.ofMillis(25), List.of(new ChainStep.Member("svm", "")), Combine.MAX);
    return query(instance, step);
  }

  static AcceptedQuery query(String instance, ChainStep step) {
    return new AcceptedQuery(instance, "faq", new InferInput.Texts(List.of("hi")), List.of(step), Duration.ofMillis(50),
        Policy.FIRST, 5, false, false, Duration.ZERO, 0);
  }

  static QueryAnswer answeredBy(String step) {
    List<QueryResult.TraceEntry> trace = List.of(new QueryResult.TraceEntry("svm", Outcome.ANSWERED, 0, 3_000_000));
    return new QueryAnswer(new QueryResult<>(Optional.of(new ModelAnswer("alarm", 0.9f)), 0, 3_000_000, trace), step, trace);
  }

  @Test
  void sixtyDistinctGroupNamesGiveAtMostLimitPlusOneLabelsInMetricsAndReport() {
    GroupNames groups = new GroupNames(List.of(instance("demo", List.of())), LIMIT);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<ReportEvent> events = new ArrayList<>();
    QueryObserver observer = groups.bounding(QueryObserver.all(new BrokerMetrics(meters), new ReportingObserver(events::add)));
    for (int i = 0; i < 60; i++) {
      observer.onFinished(mixQuery("demo", "mix" + i), answeredBy("mix" + i));
    }
    Set<String> labels = meters.find(MetricNames.ANSWERS).meters().stream().map(m -> m.getId().getTag("model"))
        .collect(Collectors.toSet());
    assertThat(labels).hasSize(LIMIT + 1).contains("mix0", "mix4", GroupNames.OTHER).doesNotContain("mix5", "mix59");
    double others = meters.find(MetricNames.ANSWERS).tag("model", GroupNames.OTHER).counters().stream()
        .mapToDouble(c -> c.count()).sum();
    assertThat(others).isEqualTo(60 - LIMIT);
    Set<String> reported = events.stream().filter(ReportEvent.Answered.class::isInstance)
        .map(e -> ((ReportEvent.Answered) e).model()).collect(Collectors.toSet());
    assertThat(reported).isEqualTo(labels);
  }

  @Test
  void theFirstNamesStayKeptAndEachInstanceHasItsOwnBound() {
    GroupNames groups = new GroupNames(List.of(instance("a", List.of()), instance("b", List.of())), 2);
    assertThat(groups.bound("a", "x")).isEqualTo("x");
    assertThat(groups.bound("a", "y")).isEqualTo("y");
    assertThat(groups.bound("a", "z")).isEqualTo(GroupNames.OTHER);
    assertThat(groups.bound("a", "x")).as("kept for good").isEqualTo("x");
    assertThat(groups.bound("b", "z")).as("b's own first names").isEqualTo("z");
  }

  @Test
  void anInstanceThatDeclaresItsGroupsKeepsOnlyThose() {
    GroupNames groups = new GroupNames(List.of(instance("demo", List.of("mix1", "mix2"))), LIMIT);
    assertThat(groups.bound("demo", "mix1")).isEqualTo("mix1");
    assertThat(groups.bound("demo", "mix2")).isEqualTo("mix2");
    assertThat(groups.bound("demo", "mix3")).isEqualTo(GroupNames.OTHER);
  }

  @Test
  void modelNamesAndTheCallersAnswerPassUnchanged() {
    GroupNames groups = new GroupNames(List.of(instance("demo", List.of("mix1"))), 1);
    List<QueryAnswer> seen = new ArrayList<>();
    QueryObserver observer = groups.bounding(new QueryObserver() {
      @Override
      public void onFinished(AcceptedQuery query, QueryAnswer answer) {
        seen.add(answer);
      }
    });
    QueryAnswer plain = answeredBy("svm");
    observer.onFinished(query("demo", ChainStep.single("svm", "", Duration.ofMillis(25))), plain);
    QueryAnswer mixed = answeredBy("mix9");
    observer.onFinished(mixQuery("demo", "mix9"), mixed);
    assertThat(seen.get(0)).isSameAs(plain);
    assertThat(seen.get(1).answeredBy()).isEqualTo(GroupNames.OTHER);
    assertThat(seen.get(1).trace()).isEqualTo(mixed.trace());
    assertThat(mixed.answeredBy()).as("what the caller is sent").isEqualTo("mix9");
  }

  @Test
  void taskNamesKeepTheirBoundsAfterSharingTheLogic() {
    InstanceConfig declared = new InstanceConfig("d", Set.of("svm"), List.of(new Credential("d", "k", "d")), List.of("faq"));
    TaskNames tasks = new TaskNames(List.of(declared, instance("u", List.of())), 1);
    assertThat(tasks.bound("d", "faq")).isEqualTo("faq");
    assertThat(tasks.bound("d", "")).as("no task: the instance's name").isEqualTo("d");
    assertThat(tasks.bound("d", "chat")).isEqualTo(TaskNames.OTHER);
    assertThat(tasks.bound("u", "one")).isEqualTo("one");
    assertThat(tasks.bound("u", "two")).isEqualTo(TaskNames.OTHER);
  }
}
