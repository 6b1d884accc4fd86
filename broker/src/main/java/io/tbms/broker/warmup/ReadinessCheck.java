package io.tbms.broker.warmup;

import io.tbms.broker.front.HttpRoutes;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What {@code /readyz} says: ready when the start-up warm-up is {@linkplain WarmUpState#done done},
 * the cluster member runs and at least one model has a replica whose circuit is not open. The
 * body gives each model's state ({@code ok}, {@code circuit open}, {@code warming}, {@code warm-up
 * failed}), each replica's warm-up ({@code warm_up}) and, when not ready, the {@code reason}.
 * Thread-safe when its sources are.
 */
public final class ReadinessCheck implements Supplier<HttpRoutes.Readiness> {

  private final Supplier<? extends Collection<String>> models;
  private final Predicate<String> circuitOpen;
  private final WarmUpState warmUp;
  private final BooleanSupplier clusterRunning;

  /**
   * @param models the registered model names now
   * @param circuitOpen whether every replica of a model refuses calls
   * @param clusterRunning whether the broker's cluster member runs
   */
  public ReadinessCheck(Supplier<? extends Collection<String>> models, Predicate<String> circuitOpen,
      WarmUpState warmUp, BooleanSupplier clusterRunning) {
    this.models = Objects.requireNonNull(models, "models");
    this.circuitOpen = Objects.requireNonNull(circuitOpen, "circuitOpen");
    this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
    this.clusterRunning = Objects.requireNonNull(clusterRunning, "clusterRunning");
  }

  @Override
  public HttpRoutes.Readiness get() {
    boolean warmedUp = warmUp.done();
    JsonObject byModel = new JsonObject();
    boolean any = false;
    for (String model : models.get()) {
      boolean open = circuitOpen.test(model);
      any |= !open;
      String summary = warmUp.summary(model);
      byModel.put(model, open ? "circuit open" : summary == null || summary.equals("warm") ? "ok" : summary);
    }
    boolean running = clusterRunning.getAsBoolean();
    JsonObject details = new JsonObject().put("models", byModel).put("warm_up", warmUp.toJson());
    if (!running) {
      details.put("reason", "the cluster member is not running");
    } else if (!warmedUp) {
      details.put("reason", warmUp.reason());
    } else if (!any) {
      details.put("reason", "every model's circuit is open");
    }
    return new HttpRoutes.Readiness(warmedUp && any && running, details);
  }
}
