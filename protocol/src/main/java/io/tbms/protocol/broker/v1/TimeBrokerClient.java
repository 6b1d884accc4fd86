package io.tbms.protocol.broker.v1;

/**
 * A client of the {@code tbms.v1.TimeBroker} gRPC service; create one with
 * {@link TimeBrokerGrpcClient#create}. Same shape as the generated
 * {@code io.tbms.protocol.kserve.GRPCInferenceServiceClient}; see {@link TimeBroker} for why it
 * is hand-written.
 */
public interface TimeBrokerClient extends TimeBroker {
}
