package io.tbms.broker.query;

import io.tbms.broker.downgrade.SkipReason;
import java.util.Optional;

/**
 * Asked just before an entry fires whether to skip it; the adapter answers from the downgrade
 * policy, live lag statistics, circuit breakers and admission.
 */
@FunctionalInterface
public interface EntryGate {

  /**
   * @param index the entry's position in the chain
   * @param timeLeftNanos time from now to the query's deadline
   */
  Optional<SkipReason> check(int index, long timeLeftNanos);
}
