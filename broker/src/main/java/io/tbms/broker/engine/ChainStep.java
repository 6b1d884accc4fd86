package io.tbms.broker.engine;

import io.tbms.broker.mix.Combine;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an accepted query's chain: a single model ({@code Try}) or a group of models that
 * run together and whose answers are combined ({@code MixTry}).
 *
 * @param name the model name, or the group's name
 * @param estimate when the next entry fires after this one (for a group: its largest member estimate)
 * @param members the models to call, one for a plain entry
 * @param combine how a group's answers are combined; {@code null} for a plain entry
 */
public record ChainStep(String name, Duration estimate, List<Member> members, Combine combine) {

  /** @param version empty for the backend's choice */
  public record Member(String model, String version) {
    public Member {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(version, "version");
    }
  }

  public ChainStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(estimate, "estimate");
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("step '" + name + "' needs at least one member");
    }
  }

  public static ChainStep single(String model, String version, Duration estimate) {
    return new ChainStep(model, estimate, List.of(new Member(model, version)), null);
  }

  public boolean isGroup() {
    return combine != null;
  }
}
