package io.tbms.zoo.server;

import io.tbms.protocol.kserve.DataType;
import io.tbms.protocol.kserve.InferBatchStatistics;
import io.tbms.protocol.kserve.InferStatistics;
import io.tbms.protocol.kserve.ModelConfig;
import io.tbms.protocol.kserve.ModelDynamicBatching;
import io.tbms.protocol.kserve.ModelInput;
import io.tbms.protocol.kserve.ModelInstanceGroup;
import io.tbms.protocol.kserve.ModelMetadataResponse;
import io.tbms.protocol.kserve.ModelOutput;
import io.tbms.protocol.kserve.ModelParameter;
import io.tbms.protocol.kserve.ModelQueuePolicy;
import io.tbms.protocol.kserve.ModelStatistics;
import io.tbms.protocol.kserve.StatisticDuration;
import io.tbms.zoo.batching.PriorityLevels;
import io.tbms.zoo.device.DeviceConfig;
import io.tbms.zoo.device.DeviceKind;
import io.tbms.zoo.repository.InstancePlacement;
import io.tbms.zoo.repository.ModelSpec;
import io.tbms.zoo.repository.TextSignature;
import io.tbms.zoo.runtime.InferenceStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KServe v2 / Triton messages that describe a served model: metadata, configuration and
 * statistics. Both fronts use them (the HTTP front prints them as protobuf JSON), so the two
 * always agree. The emulated-GPU profile travels in the config's {@code parameters}.
 */
final class TritonViews {

  static final String PROFILE_BASE_MS = "tbms.emulated_gpu.base_ms";
  static final String PROFILE_PER_ITEM_MS = "tbms.emulated_gpu.per_item_ms";

  private TritonViews() {}

  static ModelMetadataResponse metadata(ModelSpec spec) {
    return ModelMetadataResponse.newBuilder()
        .setName(spec.name())
        .addVersions(ModelSpec.VERSION)
        .setPlatform(spec.backend())
        .addInputs(tensor(TextSignature.INPUT, TextSignature.BYTES))
        .addOutputs(tensor(TextSignature.LABEL, TextSignature.BYTES))
        .addOutputs(tensor(TextSignature.SCORE, TextSignature.FP32))
        .build();
  }

  private static ModelMetadataResponse.TensorMetadata tensor(String name, String datatype) {
    return ModelMetadataResponse.TensorMetadata.newBuilder()
        .setName(name)
        .setDatatype(datatype)
        .addShape(-1)
        .addShape(1)
        .build();
  }

  static ModelConfig config(ModelSpec spec, List<DeviceConfig> devices) {
    ModelConfig.Builder config = ModelConfig.newBuilder()
        .setName(spec.name())
        .setBackend(spec.backend())
        .setMaxBatchSize(spec.batching().maxBatchSize())
        .addInput(ModelInput.newBuilder().setName(TextSignature.INPUT).setDataType(DataType.TYPE_STRING).addDims(1))
        .addOutput(ModelOutput.newBuilder().setName(TextSignature.LABEL).setDataType(DataType.TYPE_STRING).addDims(1))
        .addOutput(ModelOutput.newBuilder().setName(TextSignature.SCORE).setDataType(DataType.TYPE_FP32).addDims(1))
        .setDynamicBatching(
            ModelDynamicBatching.newBuilder()
                .addAllPreferredBatchSize(spec.batching().preferredBatchSizes())
                .setMaxQueueDelayMicroseconds(spec.batching().maxQueueDelay().toNanos() / 1_000)
                .setPriorityLevels(PriorityLevels.LEVELS)
                .setDefaultPriorityLevel(PriorityLevels.DEFAULT_LEVEL)
                .setDefaultQueuePolicy(ModelQueuePolicy.newBuilder()
                    .setMaxQueueSize(spec.batching().maxQueueSize())
                    // a request's timeout parameter (or gRPC deadline) applies; expired ones are rejected
                    .setTimeoutAction(ModelQueuePolicy.TimeoutAction.REJECT)
                    .setAllowTimeoutOverride(true)));
    List<String> gpus = devices.stream().filter(d -> d.kind() == DeviceKind.GPU).map(DeviceConfig::name).toList();
    for (int i = 0; i < spec.instances().size(); i++) {
      InstancePlacement instance = spec.instances().get(i);
      int gpuIndex = gpus.indexOf(instance.device());
      ModelInstanceGroup.Builder group = ModelInstanceGroup.newBuilder()
          .setName(spec.name() + "_" + i)
          .setCount(1);
      if (gpuIndex >= 0) {
        group.setKind(ModelInstanceGroup.Kind.KIND_GPU).addGpus(gpuIndex);
        config.putParameters(PROFILE_BASE_MS, parameter(instance.profile().baseMillis()));
        config.putParameters(PROFILE_PER_ITEM_MS, parameter(instance.profile().perItemMillis()));
      } else {
        group.setKind(ModelInstanceGroup.Kind.KIND_CPU);
      }
      config.addInstanceGroup(group);
    }
    return config.build();
  }

  private static ModelParameter parameter(double value) {
    return ModelParameter.newBuilder().setStringValue(String.format(Locale.ROOT, "%s", value)).build();
  }

  static ModelStatistics statistics(ModelSpec spec, InferenceStats.Snapshot s) {
    InferStatistics.Builder inference = InferStatistics.newBuilder()
        .setSuccess(duration(s.successCount(), s.successNanos()))
        .setFail(duration(s.failCount(), s.failNanos()))
        .setQueue(duration(s.queueCount(), s.queueNanos()))
        .setComputeInput(duration(s.successCount(), s.computeInputNanos()))
        .setComputeInfer(duration(s.successCount(), s.computeInferNanos()))
        .setComputeOutput(duration(s.successCount(), s.computeOutputNanos()));
    ModelStatistics.Builder statistics = ModelStatistics.newBuilder()
        .setName(spec.name())
        .setVersion(ModelSpec.VERSION)
        .setLastInference(s.lastInferenceMillis())
        .setInferenceCount(s.inferenceCount())
        .setExecutionCount(s.executionCount())
        .setInferenceStats(inference);
    for (Map.Entry<Integer, InferenceStats.BatchStat> entry : s.batches().entrySet()) {
      InferenceStats.BatchStat b = entry.getValue();
      statistics.addBatchStats(
          InferBatchStatistics.newBuilder()
              .setBatchSize(entry.getKey())
              .setComputeInput(duration(b.count(), b.computeInputNanos()))
              .setComputeInfer(duration(b.count(), b.computeInferNanos()))
              .setComputeOutput(duration(b.count(), b.computeOutputNanos())));
    }
    return statistics.build();
  }

  private static StatisticDuration duration(long count, long nanos) {
    return StatisticDuration.newBuilder().setCount(count).setNs(nanos).build();
  }
}
