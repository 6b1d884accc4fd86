package io.tbms.client;

import java.util.List;
import java.util.Objects;

/**
 * The ordered chain of {@link MixGroup}s a mix query tries, best first; the counterpart of
 * {@link ModelChain}. Holds 1..{@value ModelChain#MAX_MODELS} groups. Immutable and thread-safe.
 */
public final class MixGroups {

  private final List<MixGroup> groups;

  private MixGroups(List<MixGroup> groups) {
    this.groups = groups;
  }

  /** A chain of {@code groups}, best first. */
  public static MixGroups of(MixGroup... groups) {
    Objects.requireNonNull(groups, "groups must not be null");
    return of(List.of(groups));
  }

  /** A chain of {@code groups}, best first; the list is copied. */
  public static MixGroups of(List<MixGroup> groups) {
    Objects.requireNonNull(groups, "groups must not be null");
    if (groups.isEmpty() || groups.size() > ModelChain.MAX_MODELS) {
      throw new IllegalArgumentException("groups must hold 1.." + ModelChain.MAX_MODELS + " groups, held " + groups.size());
    }
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null) {
        throw new IllegalArgumentException("groups[" + i + "] must not be null");
      }
    }
    return new MixGroups(List.copyOf(groups));
  }

  /** The groups, best first; unmodifiable. */
  public List<MixGroup> groups() {
    return groups;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MixGroups other && groups.equals(other.groups);
  }

  @Override
  public int hashCode() {
    return groups.hashCode();
  }

  @Override
  public String toString() {
    return "MixGroups" + groups;
  }
}
