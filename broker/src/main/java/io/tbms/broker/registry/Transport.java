package io.tbms.broker.registry;

/** How the broker speaks KServe v2 to a replica. */
public enum Transport {
  /** KServe v2 gRPC ({@code inference.GRPCInferenceService}), the default. */
  GRPC,
  /** KServe v2 HTTP/REST ({@code POST /v2/models/{name}/infer}), for servers without gRPC. */
  REST
}
