package io.tbms.client;

/** How the outputs of a {@link MixGroup}'s members are combined. */
public enum Combine {
  /** The member answer with the highest score wins. */
  MAX,
  /**
   * The members' class scores (each member's top-k classes, where its model server gives them;
   * else its answer's label and score) are averaged over the members that answered; the class
   * with the best average wins.
   */
  AVG
}
