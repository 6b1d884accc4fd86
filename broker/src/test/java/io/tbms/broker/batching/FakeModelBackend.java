package io.tbms.broker.batching;

import io.tbms.broker.backend.BackendCall;
import io.tbms.broker.backend.InferInput;
import io.tbms.broker.backend.ModelAnswer;
import io.tbms.broker.backend.ModelBackend;
import io.tbms.broker.backend.Urgency;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link ModelBackend} double that records each call (texts, whether it asks for class scores, its
 * deadline and priority) and either answers at once ("label-" +
 * text, one answer per text) or leaves the call for the test to complete.
 */
final class FakeModelBackend implements ModelBackend {

  static final class Call implements BackendCall {
    final String model;
    final List<String> texts;
    final boolean classScores;
    final Urgency urgency;
    final Promise<List<ModelAnswer>> promise = Promise.promise();
    final AtomicReference<CancelReason> cancelled = new AtomicReference<>();

    Call(String model, List<String> texts, boolean classScores, Urgency urgency) {
      this.model = model;
      this.texts = texts;
      this.classScores = classScores;
      this.urgency = urgency;
    }

    void answer() {
      promise.tryComplete(texts.stream().map(FakeModelBackend::answerFor).toList());
    }

    @Override
    public Future<List<ModelAnswer>> result() {
      return promise.future();
    }

    @Override
    public void cancel(CancelReason why) {
      cancelled.compareAndSet(null, why);
    }
  }

  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final boolean answerAtOnce;

  FakeModelBackend(boolean answerAtOnce) {
    this.answerAtOnce = answerAtOnce;
  }

  static ModelAnswer answerFor(String text) {
    return new ModelAnswer("label-" + text, 0.5f);
  }

  @Override
  public BackendCall infer(String model, String version, InferInput input) {
    Call call = new Call(model, ((InferInput.Texts) input).texts(), input.classScores(), input.urgency());
    calls.add(call);
    if (answerAtOnce) {
      call.answer();
    }
    return call;
  }

  @Override
  public boolean circuitOpen(String model) {
    return false;
  }
}
