package io.tbms.broker.front;

import io.tbms.broker.admission.Admission;
import io.tbms.broker.admission.Entry;
import io.tbms.broker.admission.Verdict;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.config.InstanceConfig;
import io.tbms.broker.engine.AcceptedQuery;
import io.tbms.broker.engine.ChainStep;
import io.tbms.broker.engine.QueryEngine;
import io.tbms.broker.mix.Combine;
import io.tbms.broker.query.Policy;
import io.tbms.broker.registry.ModelConfig;
import io.tbms.broker.registry.ModelNames;
import io.tbms.broker.registry.ModelRegistry;
import io.tbms.protocol.broker.v1.MixTryRequest;
import io.tbms.protocol.broker.v1.ModelGroup;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryResponse;
import io.tbms.protocol.broker.v1.TryRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What both fronts do with a signed query once it is read: check its limits (400), the caller's
 * right to its models (403), admission (429), then run it and render the one terminal answer.
 * Refusals fail the future with a {@link RefusedException}. Thread-safe.
 *
 * <p>A model named by one of its {@linkplain ModelConfig#aliases aliases} is replaced by the model's
 * own name here, at the door: the instance's allowed models, the engine, the answer, its trace,
 * the metrics and the report all see only the model's name.
 */
public final class TryService {

  private final ModelRegistry registry;
  private final Map<String, InstanceConfig> instances;
  private final InstanceRateLimits rateLimits;
  private final QueryEngine engine;
  private final Admission admission;
  private final int defaultPriority;
  private final TaskNames tasks;

  public TryService(ModelRegistry registry, Map<String, InstanceConfig> instances, QueryEngine engine,
      Admission admission, int defaultPriority, TaskNames tasks) {
    this.registry = registry;
    this.instances = Map.copyOf(instances);
    this.rateLimits = new InstanceRateLimits(this.instances);
    this.engine = engine;
    this.admission = admission;
    this.defaultPriority = defaultPriority;
    this.tasks = tasks;
  }

  public Future<TryResponse> tryQuery(String instance, TryRequest request, long t0Nanos) {
    ModelNames names = registry.names();
    Optional<BadRequest> bad = TryRequestCheck.check(request, names.known());
    if (bad.isPresent()) {
      return Future.failedFuture(RefusedException.of(bad.get()));
    }
    List<ChainStep> chain = new ArrayList<>(request.getModelsCount());
    for (ModelRef ref : request.getModelsList()) {
      ModelConfig model = names.resolve(ref.getName()).orElseThrow();
      chain.add(ChainStep.single(model.name(), ref.getVersion(), estimate(ref, model)));
    }
    return run(instance, request.getTask(), request.getQuery(), chain, request.getBudgetMs(), request.getPolicy(),
        request.hasPriority() ? request.getPriority() : defaultPriority, request.getCrossRequest(), request.getCrossLagMs(),
        t0Nanos);
  }

  public Future<TryResponse> mixTry(String instance, MixTryRequest request, long t0Nanos) {
    ModelNames names = registry.names();
    Optional<BadRequest> bad = MixTryRequestCheck.check(request, names.known());
    if (bad.isPresent()) {
      return Future.failedFuture(RefusedException.of(bad.get()));
    }
    List<ChainStep> chain = new ArrayList<>(request.getGroupsCount());
    for (ModelGroup group : request.getGroupsList()) {
      List<ChainStep.Member> members = new ArrayList<>();
      Duration estimate = Duration.ZERO;
      for (ModelRef ref : group.getModelsList()) {
        ModelConfig model = names.resolve(ref.getName()).orElseThrow();
        members.add(new ChainStep.Member(model.name(), ref.getVersion()));
        Duration memberEstimate = estimate(ref, model);
        estimate = memberEstimate.compareTo(estimate) > 0 ? memberEstimate : estimate; // they run in parallel
      }
      Combine combine = group.getCombine() == io.tbms.protocol.broker.v1.Combine.COMBINE_AVG ? Combine.AVG : Combine.MAX;
      chain.add(new ChainStep(group.getName(), estimate, members, combine));
    }
    return run(instance, request.getTask(), request.getQuery(), chain, request.getBudgetMs(), request.getPolicy(),
        request.hasPriority() ? request.getPriority() : defaultPriority, request.getCrossRequest(), request.getCrossLagMs(),
        t0Nanos);
  }

  private Future<TryResponse> run(String instance, String task, Query query, List<ChainStep> chain, int budgetMs,
      io.tbms.protocol.broker.v1.Policy policy, int priority, boolean crossRequest, int crossLagMs, long t0Nanos) {
    InstanceConfig tenant = instances.get(instance);
    if (tenant == null) {
      return Future.failedFuture(new RefusedException(Refusal.PERMISSION_DENIED, null, "instance '" + instance + "' is not configured"));
    }
    for (ChainStep step : chain) {
      for (ChainStep.Member member : step.members()) {
        if (!tenant.mayUse(member.model())) {
          return Future.failedFuture(new RefusedException(Refusal.PERMISSION_DENIED, "models",
              "instance '" + instance + "' may not use model '" + member.model() + "'"));
        }
      }
    }
    Optional<RefusedException> limited = rateLimits.acquire(instance);
    if (limited.isPresent()) {
      return Future.failedFuture(limited.get());
    }
    Entry entry = admission.enter(priority);
    Verdict verdict = entry.verdict();
    if (verdict instanceof Verdict.Reject) {
      return Future.failedFuture(new RefusedException(Refusal.OVERLOADED, null,
          "overloaded: not even the cheapest model of the chain can be tried now; retry with backoff"));
    }
    InferInput input = query.getInputsCount() > 0 ? new InferInput.Tensors(query.getInputsList())
        : new InferInput.Texts(List.of(query.getText()));
    AcceptedQuery accepted = new AcceptedQuery(instance, tasks.bound(instance, task), input, chain,
        Duration.ofMillis(budgetMs), policy == io.tbms.protocol.broker.v1.Policy.POLICY_BEST ? Policy.BEST : Policy.FIRST,
        priority, verdict instanceof Verdict.Shed, crossRequest, Duration.ofMillis(crossLagMs), t0Nanos);
    return engine.run(accepted, entry.reserved().orElseThrow()).map(Responses::toProto);
  }

  private static Duration estimate(ModelRef ref, ModelConfig model) {
    if (ref.hasEstMs()) {
      return Duration.ofNanos(Math.round(ref.getEstMs() * 1_000_000d));
    }
    return model.defaultEstimate();
  }
}
