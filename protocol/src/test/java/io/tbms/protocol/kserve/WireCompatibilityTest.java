package io.tbms.protocol.kserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated KServe classes read and write exactly the bytes Triton does. Each test encodes a
 * message by hand with Triton's field numbers (the literals below, taken from Triton's
 * grpc_service.proto / model_config.proto, not from the generated code), parses it with the
 * generated class, checks every field, and re-serializes it byte for byte.
 */
class WireCompatibilityTest {

  @Test
  void modelInferRequestEncodedWithTritonFieldNumbersParsesAndReserializesIdentically()
      throws IOException {
    byte[] wire = message(out -> {
      out.writeString(1, "svm");                                 // model_name
      out.writeString(2, "3");                                   // model_version
      out.writeString(3, "req-42");                              // id
      out.writeByteArray(4, message(entry -> {                   // parameters (map entry)
        entry.writeString(1, "priority");                        //   key
        entry.writeByteArray(2, message(p -> p.writeInt64(2, 7))); // value.int64_param
      }));
      out.writeByteArray(5, message(in -> {                      // inputs[0]
        in.writeString(1, "TEXT");                               //   name
        in.writeString(2, "BYTES");                              //   datatype
        packedInt64(in, 3, 2, 1);                                //   shape [2, 1]
        in.writeByteArray(5, message(c -> {                      //   contents
          c.writeByteArray(8, utf8("how do I reset my pin"));   //     bytes_contents[0]
          c.writeByteArray(8, utf8("freeze my card"));          //     bytes_contents[1]
        }));
      }));
      out.writeByteArray(6, message(o -> o.writeString(1, "LABEL"))); // outputs[0].name
    });

    ModelInferRequest request = ModelInferRequest.parseFrom(wire);

    assertThat(request.getModelName()).isEqualTo("svm");
    assertThat(request.getModelVersion()).isEqualTo("3");
    assertThat(request.getId()).isEqualTo("req-42");
    assertThat(request.getParametersMap()).containsOnlyKeys("priority");
    assertThat(request.getParametersOrThrow("priority").getParameterChoiceCase())
        .isEqualTo(InferParameter.ParameterChoiceCase.INT64_PARAM);
    assertThat(request.getParametersOrThrow("priority").getInt64Param()).isEqualTo(7L);
    assertThat(request.getInputsCount()).isEqualTo(1);
    ModelInferRequest.InferInputTensor input = request.getInputs(0);
    assertThat(input.getName()).isEqualTo("TEXT");
    assertThat(input.getDatatype()).isEqualTo("BYTES");
    assertThat(input.getShapeList()).containsExactly(2L, 1L);
    assertThat(input.getParametersMap()).isEmpty();
    assertThat(input.getContents().getBytesContentsList()).extracting(ByteString::toStringUtf8)
        .containsExactly("how do I reset my pin", "freeze my card");
    assertThat(request.getOutputsList()).extracting(ModelInferRequest.InferRequestedOutputTensor::getName)
        .containsExactly("LABEL");
    assertThat(request.getRawInputContentsCount()).isZero();
    assertThat(request.getUnknownFields().asMap()).isEmpty();

    assertThat(request.toByteArray()).isEqualTo(wire);
  }

  @Test
  void modelInferResponseWithRawOutputContentsParsesAndReserializesIdentically()
      throws IOException {
    byte[] labels = concat(lengthPrefixed("card_pin_reset"), lengthPrefixed("freeze_account"));
    byte[] scores = littleEndianFloats(0.91f, 0.47f);
    byte[] wire = message(out -> {
      out.writeString(1, "svm");                                 // model_name
      out.writeString(2, "1");                                   // model_version
      out.writeString(3, "req-42");                              // id
      out.writeByteArray(5, message(t -> {                       // outputs[0]
        t.writeString(1, "LABEL");                               //   name
        t.writeString(2, "BYTES");                               //   datatype
        packedInt64(t, 3, 2, 1);                                 //   shape [2, 1]
      }));
      out.writeByteArray(5, message(t -> {                       // outputs[1]
        t.writeString(1, "SCORE");
        t.writeString(2, "FP32");
        packedInt64(t, 3, 2, 1);
      }));
      out.writeByteArray(6, labels);                             // raw_output_contents[0]
      out.writeByteArray(6, scores);                             // raw_output_contents[1]
    });

    ModelInferResponse response = ModelInferResponse.parseFrom(wire);

    assertThat(response.getModelName()).isEqualTo("svm");
    assertThat(response.getModelVersion()).isEqualTo("1");
    assertThat(response.getId()).isEqualTo("req-42");
    assertThat(response.getParametersMap()).isEmpty();
    assertThat(response.getOutputsList())
        .extracting(ModelInferResponse.InferOutputTensor::getName,
            ModelInferResponse.InferOutputTensor::getDatatype,
            ModelInferResponse.InferOutputTensor::getShapeList)
        .containsExactly(
            tuple("LABEL", "BYTES", List.of(2L, 1L)),
            tuple("SCORE", "FP32", List.of(2L, 1L)));
    assertThat(response.getOutputs(0).hasContents()).isFalse();
    assertThat(response.getRawOutputContentsList())
        .containsExactly(ByteString.copyFrom(labels), ByteString.copyFrom(scores));
    ByteBuffer scoreBuffer =
        response.getRawOutputContents(1).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    assertThat(scoreBuffer.getFloat()).isEqualTo(0.91f);
    assertThat(scoreBuffer.getFloat()).isEqualTo(0.47f);
    assertThat(response.getUnknownFields().asMap()).isEmpty();

    assertThat(response.toByteArray()).isEqualTo(wire);
  }

  @Test
  void modelStatisticsResponseWithBatchStatsParsesAndReserializesIdentically() throws IOException {
    byte[] wire = message(out -> out.writeByteArray(1, message(s -> { // model_stats[0]
      s.writeString(1, "embedding");                             // name
      s.writeString(2, "1");                                     // version
      s.writeUInt64(3, 1_700_000_000_123L);                      // last_inference (ms epoch)
      s.writeUInt64(4, 120);                                     // inference_count
      s.writeUInt64(5, 30);                                      // execution_count
      s.writeByteArray(6, message(i -> {                         // inference_stats
        i.writeByteArray(1, duration(120, 3_600_000_000L));     //   success
        i.writeByteArray(3, duration(120, 240_000_000L));       //   queue
        i.writeByteArray(5, duration(30, 2_400_000_000L));      //   compute_infer
      }));
      s.writeByteArray(7, message(b -> {                         // batch_stats[0]
        b.writeUInt64(1, 4);                                     //   batch_size
        b.writeByteArray(2, duration(30, 15_000_000L));          //   compute_input
        b.writeByteArray(3, duration(30, 2_400_000_000L));       //   compute_infer
        b.writeByteArray(4, duration(30, 9_000_000L));           //   compute_output
      }));
      s.writeByteArray(8, message(m -> {                         // memory_usage[0]
        m.writeString(1, "GPU");                                 //   type
        m.writeInt64(2, 1);                                      //   id (device 1)
        m.writeUInt64(3, 90_000_000L);                           //   byte_size
      }));
    })));

    ModelStatisticsResponse response = ModelStatisticsResponse.parseFrom(wire);

    assertThat(response.getModelStatsCount()).isEqualTo(1);
    ModelStatistics stats = response.getModelStats(0);
    assertThat(stats.getName()).isEqualTo("embedding");
    assertThat(stats.getVersion()).isEqualTo("1");
    assertThat(stats.getLastInference()).isEqualTo(1_700_000_000_123L);
    assertThat(stats.getInferenceCount()).isEqualTo(120L);
    assertThat(stats.getExecutionCount()).isEqualTo(30L);
    InferStatistics inference = stats.getInferenceStats();
    assertThat(inference.getSuccess().getCount()).isEqualTo(120L);
    assertThat(inference.getSuccess().getNs()).isEqualTo(3_600_000_000L);
    assertThat(inference.hasFail()).isFalse();
    assertThat(inference.getQueue().getNs()).isEqualTo(240_000_000L);
    assertThat(inference.getComputeInfer().getCount()).isEqualTo(30L);
    assertThat(stats.getBatchStatsCount()).isEqualTo(1);
    InferBatchStatistics batch = stats.getBatchStats(0);
    assertThat(batch.getBatchSize()).isEqualTo(4L);
    assertThat(batch.getComputeInput().getNs()).isEqualTo(15_000_000L);
    assertThat(batch.getComputeInfer().getCount()).isEqualTo(30L);
    assertThat(batch.getComputeInfer().getNs()).isEqualTo(2_400_000_000L);
    assertThat(batch.getComputeOutput().getNs()).isEqualTo(9_000_000L);
    assertThat(stats.getMemoryUsageList()).singleElement().satisfies(m -> {
      assertThat(m.getType()).isEqualTo("GPU");
      assertThat(m.getId()).isEqualTo(1L);
      assertThat(m.getByteSize()).isEqualTo(90_000_000L);
    });
    assertThat(stats.getResponseStatsMap()).isEmpty();
    assertThat(stats.getUnknownFields().asMap()).isEmpty();

    assertThat(response.toByteArray()).isEqualTo(wire);
  }

  @Test
  void modelConfigResponseWithDynamicBatchingParsesAndReserializesIdentically()
      throws IOException {
    byte[] wire = message(out -> out.writeByteArray(1, message(c -> { // config
      c.writeString(1, "embedding");                             // name
      c.writeString(2, "onnxruntime_onnx");                      // platform
      c.writeInt32(4, 16);                                       // max_batch_size
      c.writeByteArray(5, message(in -> {                        // input[0]
        in.writeString(1, "TEXT");                               //   name
        in.writeEnum(2, 13);                                     //   data_type = TYPE_STRING
        packedInt64(in, 4, 1);                                   //   dims [1]
      }));
      c.writeByteArray(6, message(o -> {                         // output[0]
        o.writeString(1, "LABEL");
        o.writeEnum(2, 13);                                      //   data_type = TYPE_STRING
        packedInt64(o, 3, 1);                                    //   dims [1]
      }));
      c.writeByteArray(6, message(o -> {                         // output[1]
        o.writeString(1, "SCORE");
        o.writeEnum(2, 11);                                      //   data_type = TYPE_FP32
        packedInt64(o, 3, 1);
      }));
      c.writeByteArray(7, message(g -> {                         // instance_group[0]
        g.writeString(1, "embedding_gpu");                       //   name
        g.writeInt32(2, 2);                                      //   count
        g.writeEnum(4, 1);                                       //   kind = KIND_GPU
      }));
      c.writeString(8, "model.onnx");                            // default_model_filename
      c.writeByteArray(11, message(d -> {                        // dynamic_batching
        packedInt32(d, 1, 4, 8);                                 //   preferred_batch_size
        d.writeUInt64(2, 2_000);                                 //   max_queue_delay_microseconds
        d.writeBool(3, true);                                    //   preserve_ordering
      }));
      c.writeByteArray(14, message(e -> {                        // parameters (map entry)
        e.writeString(1, "device");                              //   key
        e.writeByteArray(2, message(p -> p.writeString(1, "gpu"))); // value.string_value
      }));
      c.writeString(17, "onnxruntime");                          // backend
    })));

    ModelConfigResponse response = ModelConfigResponse.parseFrom(wire);

    ModelConfig config = response.getConfig();
    assertThat(config.getName()).isEqualTo("embedding");
    assertThat(config.getPlatform()).isEqualTo("onnxruntime_onnx");
    assertThat(config.getBackend()).isEqualTo("onnxruntime");
    assertThat(config.getMaxBatchSize()).isEqualTo(16);
    assertThat(config.getInputList()).singleElement().satisfies(in -> {
      assertThat(in.getName()).isEqualTo("TEXT");
      assertThat(in.getDataType()).isEqualTo(DataType.TYPE_STRING);
      assertThat(in.getFormat()).isEqualTo(ModelInput.Format.FORMAT_NONE);
      assertThat(in.getDimsList()).containsExactly(1L);
    });
    assertThat(config.getOutputList())
        .extracting(ModelOutput::getName, ModelOutput::getDataType)
        .containsExactly(
            tuple("LABEL", DataType.TYPE_STRING),
            tuple("SCORE", DataType.TYPE_FP32));
    assertThat(config.getInstanceGroupList()).singleElement().satisfies(g -> {
      assertThat(g.getName()).isEqualTo("embedding_gpu");
      assertThat(g.getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_GPU);
      assertThat(g.getCount()).isEqualTo(2);
    });
    assertThat(config.getDefaultModelFilename()).isEqualTo("model.onnx");
    assertThat(config.getSchedulingChoiceCase())
        .isEqualTo(ModelConfig.SchedulingChoiceCase.DYNAMIC_BATCHING);
    ModelDynamicBatching batching = config.getDynamicBatching();
    assertThat(batching.getPreferredBatchSizeList()).containsExactly(4, 8);
    assertThat(batching.getMaxQueueDelayMicroseconds()).isEqualTo(2_000L);
    assertThat(batching.getPreserveOrdering()).isTrue();
    assertThat(config.getParametersOrThrow("device").getStringValue()).isEqualTo("gpu");
    assertThat(config.hasVersionPolicy()).isFalse();
    assertThat(config.getUnknownFields().asMap()).isEmpty();

    assertThat(response.toByteArray()).isEqualTo(wire);
  }

  @Test
  void fieldsFromNewerTritonReleasesSurviveAReserialization() throws IOException {
    // A field number this copy of the schema does not declare (as a newer Triton might send).
    byte[] wire = message(out -> {
      out.writeString(1, "svm");
      out.writeString(99, "from the future");
    });

    ModelInferResponse response = ModelInferResponse.parseFrom(wire);

    assertThat(response.getModelName()).isEqualTo("svm");
    assertThat(response.getUnknownFields().hasField(99)).isTrue();
    assertThat(response.toByteArray()).isEqualTo(wire);
  }

  // ---- hand encoding -------------------------------------------------------------------------

  @FunctionalInterface
  private interface Fields {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Fields fields) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    fields.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }

  /** StatisticDuration { uint64 count = 1; uint64 ns = 2; } */
  private static byte[] duration(long count, long ns) throws IOException {
    return message(d -> {
      d.writeUInt64(1, count);
      d.writeUInt64(2, ns);
    });
  }

  /** A proto3 repeated int64 field, packed (the default encoding). */
  private static void packedInt64(CodedOutputStream out, int field, long... values)
      throws IOException {
    int size = 0;
    for (long value : values) {
      size += CodedOutputStream.computeInt64SizeNoTag(value);
    }
    out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(size);
    for (long value : values) {
      out.writeInt64NoTag(value);
    }
  }

  /** A proto3 repeated int32 field, packed. */
  private static void packedInt32(CodedOutputStream out, int field, int... values)
      throws IOException {
    int size = 0;
    for (int value : values) {
      size += CodedOutputStream.computeInt32SizeNoTag(value);
    }
    out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
    out.writeUInt32NoTag(size);
    for (int value : values) {
      out.writeInt32NoTag(value);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** One BYTES element in raw tensor form: 4-byte little-endian length, then the bytes. */
  private static byte[] lengthPrefixed(String s) {
    byte[] data = utf8(s);
    return ByteBuffer.allocate(4 + data.length).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(data.length).put(data).array();
  }

  private static byte[] littleEndianFloats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float value : values) {
      buffer.putFloat(value);
    }
    return buffer.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = new byte[a.length + b.length];
    System.arraycopy(a, 0, joined, 0, a.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
