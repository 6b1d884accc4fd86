package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * The fire-all baseline: every model of the chain is called at once; {@link FireAllRace} decides
 * when to answer (the best-ranked model answered, all failed, or the deadline). The calls still
 * running then are cancelled. Event-loop bound.
 */
final class FireAllTarget implements Target {

  private final String name;
  private final List<ChainEntry> chain;
  private final KServeModelClient client;
  private final Vertx vertx;
  private final Clock clock;
  private final long budgetMillis;

  FireAllTarget(String name, List<ChainEntry> chain, KServeModelClient client, Vertx vertx, Clock clock,
      long budgetMillis) {
    this.name = name;
    this.chain = List.copyOf(chain);
    this.client = client;
    this.vertx = vertx;
    this.clock = clock;
    this.budgetMillis = budgetMillis;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> models() {
    return chain.stream().map(ChainEntry::name).toList();
  }

  @Override
  public Future<QueryOutcome> send(String text) {
    long deadlineNanos = clock.nanoTime() + budgetMillis * 1_000_000L;
    FireAllRace race = new FireAllRace(chain.size(), deadlineNanos);
    Promise<QueryOutcome> outcome = Promise.promise();
    List<ModelCall> calls = new ArrayList<>(chain.size());
    long[] timer = new long[1];
    Runnable[] finish = new Runnable[1];
    finish[0] = () -> race.result().ifPresent(result -> {
      if (outcome.tryComplete(result)) {
        vertx.cancelTimer(timer[0]);
        calls.forEach(ModelCall::cancel);
      }
    });
    for (int rank = 0; rank < chain.size(); rank++) {
      calls.add(client.infer(chain.get(rank).name(), text));
    }
    for (int rank = 0; rank < chain.size(); rank++) {
      int r = rank;
      String model = chain.get(r).name();
      calls.get(r).label().onComplete(ar -> {
        if (ar.succeeded()) {
          race.onAnswer(new Answer(model, r, ar.result()), clock.nanoTime());
        } else {
          race.onFailure(r, clock.nanoTime());
        }
        finish[0].run();
      });
    }
    // The timer means the deadline came, even if the clock reads a hair earlier.
    timer[0] = vertx.setTimer(budgetMillis, id -> {
      race.onTime(Math.max(clock.nanoTime(), deadlineNanos));
      finish[0].run();
    });
    finish[0].run();
    return outcome.future();
  }
}
