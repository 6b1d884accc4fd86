package io.tbms.broker.testing;

import io.tbms.common.auth.RequestSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain JDK HTTP client that signs like any outside client would (docs/design.md §3). */
public final class SignedHttp {

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  public SignedHttp(int port) {
    this.port = port;
  }

  public HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, body, "demo", "demo-secret-key", System.currentTimeMillis());
  }

  /** Any bytes, signed with the demo credentials now: for bodies that are not valid UTF-8 text. */
  public HttpResponse<String> postBytes(String path, byte[] body) throws Exception {
    long timestamp = System.currentTimeMillis();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header(RequestSignature.ACCESS_ID_HEADER, "demo")
        .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign("demo-secret-key", "POST", path, timestamp, body))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String body, String accessId, String key, long timestamp) throws Exception {
    return client.send(signed(path, body, accessId, key, timestamp).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Signed with the demo credentials, claiming {@code instance} in {@code X-TBMS-Instance}. */
  public HttpResponse<String> postClaiming(String instance, String path, String body) throws Exception {
    HttpRequest request = signed(path, body, "demo", "demo-secret-key", System.currentTimeMillis())
        .header(RequestSignature.INSTANCE_HEADER, instance).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder signed(String path, String body, String accessId, String key, long timestamp) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(RequestSignature.ACCESS_ID_HEADER, accessId)
        .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(key, "POST", path, timestamp, bytes))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
  }

  public HttpResponse<String> postUnsigned(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A GET signed as {@code accessId} now (the body signed is empty). */
  public HttpResponse<String> getSigned(String path, String accessId, String key) throws Exception {
    long timestamp = System.currentTimeMillis();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(RequestSignature.ACCESS_ID_HEADER, accessId)
        .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(RequestSignature.SIGNATURE_HEADER, RequestSignature.sign(key, "GET", path, timestamp, new byte[0]))
        .GET()
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
