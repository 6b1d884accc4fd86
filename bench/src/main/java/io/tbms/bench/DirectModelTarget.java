package io.tbms.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * A baseline that calls one model directly over KServe v2 gRPC with a client deadline: the answer
 * if it comes within the budget, {@code EMPTY} (and the call cancelled) when it does not, an error
 * when the model fails first. Used as {@code embedding-only} and {@code direct-svm}.
 * Event-loop bound.
 */
final class DirectModelTarget implements Target {

  private final String name;
  private final String model;
  private final KServeModelClient client;
  private final Vertx vertx;
  private final long budgetMillis;

  DirectModelTarget(String name, String model, KServeModelClient client, Vertx vertx, long budgetMillis) {
    this.name = name;
    this.model = model;
    this.client = client;
    this.vertx = vertx;
    this.budgetMillis = budgetMillis;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> models() {
    return List.of(model);
  }

  @Override
  public Future<QueryOutcome> send(String text) {
    Promise<QueryOutcome> outcome = Promise.promise();
    ModelCall call = client.infer(model, text);
    long timer = vertx.setTimer(budgetMillis, id -> {
      if (outcome.tryComplete(QueryOutcome.empty())) {
        call.cancel();
      }
    });
    call.label().onComplete(ar -> {
      vertx.cancelTimer(timer);
      outcome.tryComplete(ar.succeeded()
          ? QueryOutcome.answered(new Answer(model, 0, ar.result()))
          : QueryOutcome.error(String.valueOf(ar.cause().getMessage())));
    });
    return outcome.future();
  }
}
