package io.tbms.broker.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.concurrency.limits.limit.SettableLimit;
import io.tbms.common.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class AdmissionProperties {

  private static int severity(Verdict verdict) {
    if (verdict instanceof Verdict.Admit) {
      return 0;
    }
    return verdict instanceof Verdict.Shed ? 1 : 2;
  }

  @Property
  void sheddingIsMonotoneInPriority(
      @ForAll @IntRange(min = 1, max = 2000) int limit,
      @ForAll @IntRange(min = 0, max = 2500) int inflight,
      @ForAll @IntRange(min = 0, max = 9) int important,
      @ForAll @IntRange(min = 0, max = 9) int lessImportant,
      @ForAll boolean cheapest,
      @ForAll("shares") double lowestShare) {
    if (important > lessImportant) {
      int swap = important;
      important = lessImportant;
      lessImportant = swap;
    }
    PriorityShedding shedding = new PriorityShedding(lowestShare);
    assertThat(severity(shedding.verdict(important, inflight, limit)))
        .isLessThanOrEqualTo(severity(shedding.verdict(lessImportant, inflight, limit)));
    if (shedding.mayStart(lessImportant, cheapest, inflight, limit)) {
      assertThat(shedding.mayStart(important, cheapest, inflight, limit)).isTrue();
    }
    assertThat(shedding.verdict(0, inflight, limit)).isNotInstanceOf(Verdict.Shed.class);
  }

  @Provide
  Arbitrary<Double> shares() {
    return Arbitraries.of(0.55, 0.1, 0.5, 0.9, 1.0, 0.01);
  }

  /** One step: acquire (priority, cheapest), end a held permit, or move the limit. */
  record Step(int kind, int priority, boolean cheapest, int pick) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 9),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 10_000))
        .as(Step::new)
        .list()
        .ofMaxSize(300);
  }

  @Property
  void nothingStartsAtOrBeyondTheLimitAndEveryPermitIsCounted(@ForAll("steps") List<Step> steps) {
    SettableLimit limit = SettableLimit.startingAt(10);
    PriorityShedding shedding = PriorityShedding.ofDefaults();
    Admission admission = new Admission(limit, shedding, new ManualClock());
    List<Permit> held = new ArrayList<>();
    for (Step step : steps) {
      if (step.kind() <= 5) {
        int before = admission.inflight();
        int limitNow = admission.limit();
        Verdict verdict = admission.admit(step.priority());
        Optional<Permit> permit = admission.acquire(step.priority(), step.cheapest());
        assertThat(permit.isPresent())
            .isEqualTo(before < limitNow && (step.cheapest() || verdict instanceof Verdict.Admit));
        permit.ifPresent(held::add);
      } else if (step.kind() <= 8) {
        if (!held.isEmpty()) {
          Permit permit = held.remove(step.pick() % held.size());
          switch (step.pick() % 3) {
            case 0 -> permit.onSuccess();
            case 1 -> permit.onDropped();
            default -> permit.onIgnore();
          }
          permit.onSuccess(); // ignored: a permit ends once
        }
      } else {
        limit.setLimit(1 + step.pick() % 30);
      }
      assertThat(admission.inflight()).isEqualTo(held.size());
    }
  }
}
