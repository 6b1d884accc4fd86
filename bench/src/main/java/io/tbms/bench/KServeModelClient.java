package io.tbms.bench;

import com.google.protobuf.ByteString;
import io.tbms.protocol.kserve.GRPCInferenceServiceGrpcClient;
import io.tbms.protocol.kserve.InferTensorContents;
import io.tbms.protocol.kserve.ModelInferRequest;
import io.tbms.protocol.kserve.ModelInferResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Calls one text model over KServe v2 gRPC {@code ModelInfer}: input {@code TEXT} (BYTES, shape
 * {@code [1, 1]}), output {@code LABEL} read from {@code raw_output_contents} (Triton's encoding,
 * a 4-byte little-endian length then the bytes) or from {@code contents.bytes_contents}.
 * Calls must be made on the bench's event loop; the client is shared by all baselines.
 *
 * <p>Giving up on a call fails it locally at once; the gRPC stream is reset only with
 * {@code resetStreams}. By default the call runs on and its answer is dropped: servers built on
 * Netty count stream resets and close the connection (GOAWAY {@code ENHANCE_YOUR_CALM}) after 200
 * in 30 s, which a benchmark with a 50 ms deadline reaches within seconds.
 */
final class KServeModelClient {

  static final String INPUT = "TEXT";
  static final String LABEL_OUTPUT = "LABEL";

  private final GrpcClient grpc;
  private final SocketAddress address;
  private final boolean resetStreams;

  KServeModelClient(GrpcClient grpc, SocketAddress address, boolean resetStreams) {
    this.grpc = grpc;
    this.address = address;
    this.resetStreams = resetStreams;
  }

  ModelCall infer(String model, String text) {
    ModelInferRequest request = request(model, text);
    Call call = new Call(resetStreams);
    grpc.request(address, GRPCInferenceServiceGrpcClient.ModelInfer).onComplete(ar -> {
      if (ar.failed()) {
        call.promise.tryFail(ar.cause());
        return;
      }
      GrpcClientRequest<ModelInferRequest, ModelInferResponse> stream = ar.result();
      if (call.cancelled) {
        return; // nothing was sent on the stream yet
      }
      call.stream = stream;
      stream.send(request)
          .compose(response -> response.last())
          .onComplete(done -> {
            if (done.failed()) {
              call.promise.tryFail(done.cause());
            } else {
              try {
                call.promise.tryComplete(label(done.result()));
              } catch (RuntimeException e) {
                call.promise.tryFail(e);
              }
            }
          });
    });
    return call;
  }

  static ModelInferRequest request(String model, String text) {
    return ModelInferRequest.newBuilder()
        .setModelName(model)
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
            .setName(INPUT)
            .setDatatype("BYTES")
            .addShape(1)
            .addShape(1)
            .setContents(InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8(text))))
        .build();
  }

  /** The first element of the {@code LABEL} output. */
  static String label(ModelInferResponse response) {
    for (int i = 0; i < response.getOutputsCount(); i++) {
      if (!LABEL_OUTPUT.equals(response.getOutputs(i).getName())) {
        continue;
      }
      if (i < response.getRawOutputContentsCount()) {
        ByteBuffer raw = response.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int length = raw.getInt();
        byte[] bytes = new byte[length];
        raw.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
      }
      return response.getOutputs(i).getContents().getBytesContents(0).toStringUtf8();
    }
    throw new IllegalStateException("response of model '" + response.getModelName() + "' has no LABEL output");
  }

  private static final class Call implements ModelCall {
    final Promise<String> promise = Promise.promise();
    final boolean resetStream;
    GrpcClientRequest<ModelInferRequest, ModelInferResponse> stream;
    boolean cancelled;

    Call(boolean resetStream) {
      this.resetStream = resetStream;
    }

    @Override
    public Future<String> label() {
      return promise.future();
    }

    @Override
    public void cancel() {
      if (cancelled || promise.future().isComplete()) {
        return;
      }
      cancelled = true;
      promise.tryFail("cancelled");
      if (stream != null && resetStream) {
        stream.cancel();
      }
    }
  }
}
