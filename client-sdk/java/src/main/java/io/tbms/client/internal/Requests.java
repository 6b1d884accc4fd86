package io.tbms.client.internal;

import io.tbms.client.Combine;
import io.tbms.client.MixGroup;
import io.tbms.client.MixGroups;
import io.tbms.client.Model;
import io.tbms.client.ModelChain;
import io.tbms.client.Policy;
import io.tbms.client.TryOptions;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.ModelGroup;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import java.util.Objects;

/** The broker.proto messages for the client's queries. Pure and thread-safe. */
public final class Requests {

  public static final String TRY_PATH = "/tbms.v1.TimeBroker/Try";
  public static final String MIX_TRY_PATH = "/tbms.v1.TimeBroker/MixTry";

  private Requests() {}

  public static TryRequest tryRequest(String text, ModelChain chain, TryOptions options) {
    Objects.requireNonNull(chain, "chain must not be null");
    Objects.requireNonNull(options, "options must not be null");
    TryRequest.Builder request = TryRequest.newBuilder()
        .setQuery(query(text))
        .setBudgetMs(Math.toIntExact(options.budget().toMillis()))
        .setCrossRequest(options.crossRequest())
        .setCrossLagMs(Math.toIntExact(options.crossLag().toMillis()))
        .setPolicy(policy(options.policy()));
    if (options.priority() != null) { // unset: the broker's default_priority applies
      request.setPriority(options.priority());
    }
    if (options.task() != null) {
      request.setTask(options.task());
    }
    for (Model model : chain.models()) {
      request.addModels(ref(model));
    }
    return request.build();
  }

  public static MixTryRequest mixTryRequest(String text, MixGroups groups, TryOptions options) {
    Objects.requireNonNull(groups, "groups must not be null");
    Objects.requireNonNull(options, "options must not be null");
    MixTryRequest.Builder request = MixTryRequest.newBuilder()
        .setQuery(query(text))
        .setBudgetMs(Math.toIntExact(options.budget().toMillis()))
        .setCrossRequest(options.crossRequest())
        .setCrossLagMs(Math.toIntExact(options.crossLag().toMillis()))
        .setPolicy(policy(options.policy()));
    if (options.priority() != null) { // unset: the broker's default_priority applies
      request.setPriority(options.priority());
    }
    if (options.task() != null) {
      request.setTask(options.task());
    }
    for (MixGroup group : groups.groups()) {
      ModelGroup.Builder g = ModelGroup.newBuilder().setName(group.name())
          .setCombine(group.combine() == Combine.AVG ? io.tbms.protocol.broker.v1.Combine.COMBINE_AVG
              : io.tbms.protocol.broker.v1.Combine.COMBINE_MAX);
      for (Model model : group.models()) {
        g.addModels(ref(model));
      }
      request.addGroups(g);
    }
    return request.build();
  }

  private static Query query(String text) {
    Objects.requireNonNull(text, "text must not be null");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("text must not be empty");
    }
    return Query.newBuilder().setText(text).build();
  }

  private static ModelRef ref(Model model) {
    ModelRef.Builder ref = ModelRef.newBuilder().setName(model.name()).setEstMs(model.estMs());
    if (model.version() != null) {
      ref.setVersion(model.version());
    }
    return ref.build();
  }

  private static io.tbms.protocol.broker.v1.Policy policy(Policy policy) {
    return policy == Policy.BEST ? io.tbms.protocol.broker.v1.Policy.POLICY_BEST
        : io.tbms.protocol.broker.v1.Policy.POLICY_FIRST;
  }
}
