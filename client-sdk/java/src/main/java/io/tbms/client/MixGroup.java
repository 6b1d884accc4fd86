package io.tbms.client;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a mix query's chain: models that run together and whose outputs are combined
 * (the seed's {@code tbmsMixTry}). The group's estimate is its slowest member's, since they run
 * in parallel. Immutable.
 *
 * @param name the group's name, reported as {@link Answer#model()} when it answers; not blank
 * @param combine how the members' outputs are combined
 * @param models the members, 1..{@value ModelChain#MAX_MODELS}; unmodifiable
 */
public record MixGroup(String name, Combine combine, List<Model> models) {

  public MixGroup {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    Objects.requireNonNull(combine, "combine must not be null");
    models = ModelChain.checked(models, "models of group '" + name + "'");
  }

  /** A group whose highest-scoring member answer wins. */
  public static MixGroup max(String name, Model... models) {
    Objects.requireNonNull(models, "models must not be null");
    return new MixGroup(name, Combine.MAX, List.of(models));
  }

  /** A group whose members' class scores are averaged. */
  public static MixGroup avg(String name, Model... models) {
    Objects.requireNonNull(models, "models must not be null");
    return new MixGroup(name, Combine.AVG, List.of(models));
  }
}
