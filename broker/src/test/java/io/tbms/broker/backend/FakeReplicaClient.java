package io.tbms.broker.backend;

import io.tbms.broker.backend.internal.PendingCall;
import io.tbms.broker.registry.ReplicaConfig;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A replica client whose calls the test completes by hand. */
final class FakeReplicaClient implements ReplicaClient {

  final ReplicaConfig replica;
  final List<PendingCall> calls = new CopyOnWriteArrayList<>();
  volatile boolean closed;

  FakeReplicaClient(ReplicaConfig replica) {
    this.replica = replica;
  }

  @Override
  public BackendCall infer(String model, String version, InferInput input) {
    PendingCall call = new PendingCall();
    calls.add(call);
    return call;
  }

  @Override
  public ReplicaConfig replica() {
    return replica;
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

  PendingCall last() {
    return calls.get(calls.size() - 1);
  }
}
