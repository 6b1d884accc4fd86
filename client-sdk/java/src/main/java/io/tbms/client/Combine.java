package io.tbms.client;

/** How the outputs of a {@link MixGroup}'s members are combined. */
public enum Combine {
  /** The member answer with the highest score wins. */
  MAX,
  /** Each label's score is averaged over the members that answered; the best average wins. */
  AVG
}
