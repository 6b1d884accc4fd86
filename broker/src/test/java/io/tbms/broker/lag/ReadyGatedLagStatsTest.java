package io.tbms.broker.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReadyGatedLagStatsTest {

  private static final long MS = 1_000_000L;

  @Test
  void takesNoSampleBeforeTheBrokerIsReady() {
    LocalLagStats local = new LocalLagStats(Duration.ofSeconds(2), 0.95);
    AtomicBoolean ready = new AtomicBoolean();
    ReadyGatedLagStats gated = new ReadyGatedLagStats(local, ready::get);

    gated.record("svm", 900 * MS, 0); // a cold first call
    assertThat(gated.lag("svm", MS)).isEmpty();

    ready.set(true);
    gated.record("svm", 2 * MS, 2 * MS);
    assertThat(gated.lag("svm", 3 * MS)).hasValue(2 * MS);
    assertThat(gated.snapshot(3 * MS)).containsOnlyKeys("svm");
  }
}
