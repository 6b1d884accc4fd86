package io.tbms.broker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tbms.broker.testing.SignedGrpc;
import io.tbms.broker.testing.SignedHttp;
import io.tbms.broker.testing.Stack;
import io.tbms.protocol.broker.v1.ModelRef;
import io.tbms.protocol.broker.v1.Query;
import io.tbms.protocol.broker.v1.TryRequest;
import io.vertx.core.Vertx;
import io.vertx.grpc.common.GrpcStatus;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input at both fronts, generated from a seed: malformed JSON, wrong types,
 * huge numbers, deep nesting, invalid UTF-8, oversized and slow bodies over HTTP; truncated and
 * random protobuf over gRPC. Every input gets a clear refusal (4xx, or a gRPC client-error status)
 * or, where the mutation left a valid query, an answer; never a 5xx or INTERNAL, never a hang; and
 * the broker keeps answering valid queries throughout. Prints how many inputs each kind tried.
 */
class FrontFuzzTest {

  private static final String VALID = "{\"task\":\"fuzz\",\"query\":{\"text\":\"set an alarm for 7 am\"},\"budget_ms\":300,"
      + "\"models\":[{\"name\":\"svm\",\"est_ms\":25},{\"name\":\"keyword\",\"est_ms\":5}],\"priority\":3}";
  private static final Set<GrpcStatus> CLIENT_ERRORS = EnumSet.of(GrpcStatus.OK, GrpcStatus.INVALID_ARGUMENT,
      GrpcStatus.UNAUTHENTICATED, GrpcStatus.PERMISSION_DENIED, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.NOT_FOUND);

  static Stack stack;
  static SignedHttp http;

  @BeforeAll
  static void start() throws Exception {
    stack = Stack.start();
    http = new SignedHttp(stack.broker.port());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void everyBrokenHttpBodyIsRefusedWithAClientErrorAndTheBrokerKeepsAnswering() throws Exception {
    Random random = new Random(2026);
    Map<String, Function<Random, byte[]>> kinds = new TreeMap<>();
    kinds.put("truncated", r -> utf8(VALID.substring(0, r.nextInt(VALID.length()))));
    kinds.put("byte flips", r -> flip(utf8(VALID), r, 1 + r.nextInt(5)));
    kinds.put("wrong types", FrontFuzzTest::wrongType);
    kinds.put("huge numbers", FrontFuzzTest::hugeNumber);
    kinds.put("deep nesting", r -> utf8(VALID.replace("\"priority\":3", "\"priority\":3,\"x\":" + nested(1_000 + r.nextInt(50_000)))));
    kinds.put("invalid utf-8", FrontFuzzTest::invalidUtf8);
    kinds.put("random bytes", r -> {
      byte[] junk = new byte[r.nextInt(2_000)];
      r.nextBytes(junk);
      return junk;
    });
    kinds.put("oversized", r -> utf8(VALID.replace("set an alarm", "a".repeat((1 << 20) + r.nextInt(1 << 20)))));

    Map<String, int[]> tried = new TreeMap<>(); // kind -> {inputs, answered 200, refused 4xx}
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, Function<Random, byte[]>> kind : kinds.entrySet()) {
      int inputs = kind.getKey().equals("oversized") || kind.getKey().equals("deep nesting") ? 20 : 250;
      int[] counts = tried.computeIfAbsent(kind.getKey(), k -> new int[3]);
      for (int i = 0; i < inputs; i++) {
        byte[] body = kind.getValue().apply(random);
        counts[0]++;
        try {
          HttpResponse<String> response = http.postBytes("/v1/try", body);
          int status = response.statusCode();
          if (status == 200) {
            counts[1]++;
          } else if (status >= 400 && status < 500 && response.body().contains("\"error\"")) {
            counts[2]++;
          } else {
            failures.add(kind.getKey() + " #" + i + ": HTTP " + status + " " + abbreviate(response.body()));
          }
        } catch (Exception e) {
          failures.add(kind.getKey() + " #" + i + ": no response: " + e);
        }
      }
      assertThat(http.post("/v1/try", VALID).statusCode()).as("still serving after " + kind.getKey()).isEqualTo(200);
    }
    assertThat(tried.get("invalid utf-8")[1]).as("a body that is not UTF-8 is never read as a query").isZero();
    tried.forEach((kind, c) -> System.out.printf("fuzz http %-13s inputs %4d  answered %4d  refused 4xx %4d%n",
        kind, c[0], c[1], c[2]));
    assertThat(failures).isEmpty();
  }

  @Test
  void slowBodiesDoNotStopOtherCallers() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) { // each promises 1000 bytes and sends 10
        Socket socket = new Socket("127.0.0.1", stack.broker.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/try HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"query\":").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        slow.add(socket);
      }
      for (int i = 0; i < 10; i++) {
        assertThat(http.post("/v1/try", VALID).statusCode()).as("a caller beside 50 slow bodies").isEqualTo(200);
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void brokenProtobufIsRefusedWithAClientErrorStatusAndTheBrokerKeepsAnswering() throws Exception {
    Random random = new Random(2027);
    byte[] valid = TryRequest.newBuilder().setTask("fuzz").setQuery(Query.newBuilder().setText("set an alarm for 7 am"))
        .setBudgetMs(300).addModels(ModelRef.newBuilder().setName("svm").setEstMs(25))
        .addModels(ModelRef.newBuilder().setName("keyword").setEstMs(5)).build().toByteArray();
    Vertx vertx = Vertx.vertx();
    int[] counts = new int[3]; // inputs, OK, client-error statuses
    List<String> failures = new ArrayList<>();
    try (SignedGrpc grpc = new SignedGrpc(vertx, stack.broker.port())) {
      for (int i = 0; i < 600; i++) {
        byte[] body = switch (i % 3) {
          case 0 -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length)); // truncated
          case 1 -> flip(valid.clone(), random, 1 + random.nextInt(4));
          default -> {
            byte[] junk = new byte[random.nextInt(512)];
            random.nextBytes(junk);
            yield junk;
          }
        };
        counts[0]++;
        try {
          SignedGrpc.Reply reply = grpc.call("Try", body, "demo", "demo-secret-key", System.currentTimeMillis(), true);
          if (reply.status() == GrpcStatus.OK) {
            counts[1]++;
          } else if (CLIENT_ERRORS.contains(reply.status())) {
            counts[2]++;
          } else {
            failures.add("#" + i + ": " + reply.status() + " " + reply.message());
          }
        } catch (Exception e) {
          failures.add("#" + i + ": no reply: " + e);
        }
      }
      assertThat(grpc.call("Try", TryRequest.parseFrom(valid)).status()).as("still serving").isEqualTo(GrpcStatus.OK);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    System.out.printf("fuzz grpc %-13s inputs %4d  answered %4d  refused %4d%n", "protobuf", counts[0], counts[1], counts[2]);
    assertThat(failures).isEmpty();
  }

  private static byte[] wrongType(Random r) {
    String[][] swaps = {
        {"\"budget_ms\":300", "\"budget_ms\":\"300ms\""}, {"\"budget_ms\":300", "\"budget_ms\":[300]"},
        {"\"models\":[", "\"models\":{\"m\":["}, {"\"query\":{", "\"query\":[{"}, {"\"text\":\"set", "\"text\":7,\"x\":\"set"},
        {"\"est_ms\":25", "\"est_ms\":\"fast\""}, {"\"priority\":3", "\"priority\":{}"}, {"\"priority\":3", "\"priority\":true"},
        {"\"name\":\"svm\"", "\"name\":null"}, {"\"task\":\"fuzz\"", "\"task\":[\"fuzz\"]"},
        {"\"budget_ms\":300", "\"budget_ms\":null"}, {"{\"task\"", "[{\"task\""}};
    String[] swap = swaps[r.nextInt(swaps.length)];
    String body = VALID.replace(swap[0], swap[1]);
    return utf8(swap[0].equals("{\"task\"") ? body + "]" : body);
  }

  private static byte[] hugeNumber(Random r) {
    String[] numbers = {"1e309", "-1e309", "99999999999999999999999999", "-5", "0", "2147483648", "1e-400", "NaN",
        "Infinity", "3.5", "-0", "1" + "0".repeat(5_000)};
    String[] fields = {"\"budget_ms\":300", "\"est_ms\":25", "\"priority\":3"};
    String field = fields[r.nextInt(fields.length)];
    String name = field.substring(0, field.indexOf(':') + 1);
    return utf8(VALID.replace(field, name + numbers[r.nextInt(numbers.length)]));
  }

  private static byte[] invalidUtf8(Random r) {
    byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}};
    byte[] insert = bad[r.nextInt(bad.length)];
    byte[] valid = utf8(VALID);
    int at = VALID.indexOf("alarm");
    byte[] body = new byte[valid.length + insert.length];
    System.arraycopy(valid, 0, body, 0, at);
    System.arraycopy(insert, 0, body, at, insert.length);
    System.arraycopy(valid, at, body, at + insert.length, valid.length - at);
    return body;
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static byte[] flip(byte[] bytes, Random r, int flips) {
    for (int i = 0; i < flips && bytes.length > 0; i++) {
      bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
