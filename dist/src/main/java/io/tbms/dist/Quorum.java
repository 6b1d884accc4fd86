package io.tbms.dist;

import com.hazelcast.core.HazelcastInstance;

/**
 * Split-brain protection for the tuner's writes ({@code cluster.min_members}): the live batch
 * config, the tuning log and stored profiles change only while the cluster the tuner reaches has
 * at least that many members. With it set to a majority of the brokers, a change can only be made
 * on the majority side of a partition, and Hazelcast's merge after the partition heals (the smaller
 * side's entries give way where the larger side has them) keeps it.
 */
final class Quorum {

  /** The cluster reached is too small for a write. */
  static final class MissingException extends RuntimeException {
    MissingException(String message) {
      super(message);
    }
  }

  private Quorum() {}

  /**
   * @param minMembers the least members, counting every broker the client's member sees; 1 or less checks nothing
   * @throws MissingException when the cluster has fewer members
   */
  static void require(HazelcastInstance cluster, int minMembers) {
    int members = cluster.getCluster().getMembers().size();
    if (members < minMembers) {
      throw new MissingException("the cluster reached has " + members + " member" + (members == 1 ? "" : "s")
          + ", fewer than cluster.min_members (" + minMembers + "): the brokers may be split apart, so nothing"
          + " was changed; retry once the cluster is whole");
    }
  }
}
