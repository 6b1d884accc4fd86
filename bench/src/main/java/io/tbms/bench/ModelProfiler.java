package io.tbms.bench;

import io.tbms.common.time.Clock;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Profiles the chain's models for the capacity oracle, directly over KServe v2 gRPC and untimed:
 * each model's idle latency ({@value #WARM_CALLS} unmeasured calls, then the median of
 * {@value #IDLE_CALLS} sequential ones) and its label for each of the first {@code count}
 * utterances of the query set ({@value #IN_FLIGHT} calls in flight). Run it on a settled server,
 * before the grid. Blocks the calling thread.
 */
final class ModelProfiler {

  static final int WARM_CALLS = 3;
  static final int IDLE_CALLS = 21;
  static final int IN_FLIGHT = 16;
  private static final long CALL_LIMIT_SECONDS = 30;

  private final Context context;
  private final Clock clock;
  private final KServeModelClient client;

  ModelProfiler(Context context, Clock clock, KServeModelClient client) {
    this.context = context;
    this.clock = clock;
    this.client = client;
  }

  ModelProfile profile(String model, QuerySet queries, int count) throws Exception {
    for (int i = 0; i < WARM_CALLS; i++) {
      timedCall(model, queries.get(i).text());
    }
    double[] millis = new double[IDLE_CALLS];
    for (int i = 0; i < IDLE_CALLS; i++) {
      millis[i] = timedCall(model, queries.get(i).text());
    }
    Arrays.sort(millis);
    double idleP50 = millis[IDLE_CALLS / 2];
    boolean[] correct = new boolean[count];
    int[] errors = new int[1];
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      Labeller labeller = new Labeller(model, queries, correct, errors, done);
      int workers = Math.min(IN_FLIGHT, count);
      labeller.running = workers;
      if (workers == 0) {
        done.complete(null);
      }
      for (int w = 0; w < workers; w++) {
        labeller.next();
      }
    });
    done.get(CALL_LIMIT_SECONDS + count, TimeUnit.SECONDS);
    return new ModelProfile(model, idleP50, correct, errors[0]);
  }

  /** One call, waited for; its latency in milliseconds, infinite when it failed (so it never fits a budget). */
  private double timedCall(String model, String text) throws Exception {
    CompletableFuture<Double> took = new CompletableFuture<>();
    context.runOnContext(v -> {
      long start = clock.nanoTime();
      client.infer(model, text).label().onComplete(ar -> took.complete(
          ar.succeeded() ? (clock.nanoTime() - start) / 1e6 : Double.POSITIVE_INFINITY));
    });
    return took.get(CALL_LIMIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Closed-loop labelling of query indices 0..n-1; event-loop owned. */
  private final class Labeller {
    private final String model;
    private final QuerySet queries;
    private final boolean[] correct;
    private final int[] errors;
    private final CompletableFuture<Void> done;
    private int nextIndex;
    int running;

    Labeller(String model, QuerySet queries, boolean[] correct, int[] errors, CompletableFuture<Void> done) {
      this.model = model;
      this.queries = queries;
      this.correct = correct;
      this.errors = errors;
      this.done = done;
    }

    void next() {
      if (nextIndex >= correct.length) {
        if (--running == 0) {
          done.complete(null);
        }
        return;
      }
      int index = nextIndex++;
      var query = queries.get(index);
      client.infer(model, query.text()).label().onComplete(ar -> {
        if (ar.succeeded()) {
          correct[index] = ar.result().equals(query.label());
        } else {
          errors[0]++;
        }
        next();
      });
    }
  }

  /** Profiles each model in turn. */
  List<ModelProfile> profileAll(List<String> models, QuerySet queries, int count) throws Exception {
    List<ModelProfile> profiles = new ArrayList<>();
    for (String model : models) {
      profiles.add(profile(model, queries, count));
    }
    return List.copyOf(profiles);
  }
}
