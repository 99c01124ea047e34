package io.parley.smoke.app.relay;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The same GET or POST through each HTTP client a Spring service might use. Spring's clients are
 * built on the transports Parley instruments: RestTemplate's default factory on
 * HttpURLConnection, RestClient.create() on Apache HttpClient 5 (it is on the class path),
 * RestClient and WebClient with their JDK factories on java.net.http, WebClient on Reactor Netty
 * (its default connector).
 */
final class HttpTransports {

  /** What came back: status and body text. */
  record Answer(int status, String body) {}

  private final HttpClient jdk =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final OkHttpClient okHttp = new OkHttpClient();
  private final CloseableHttpClient hc5 = HttpClients.createDefault();
  private final RestTemplate restTemplate = new RestTemplate();
  private final RestClient restClient = RestClient.create();
  private final RestClient restClientJdk =
      RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(jdk)).build();
  private final WebClient webClient =
      WebClient.builder().clientConnector(new JdkClientHttpConnector(jdk)).build();
  private final WebClient webClientNetty =
      WebClient.builder().clientConnector(new ReactorClientHttpConnector()).build();

  Answer get(String via, String url) throws Exception {
    return exchange(via, url, null, Map.of());
  }

  Answer post(String via, String url, String json, Map<String, String> headers) throws Exception {
    return exchange(via, url, json, headers);
  }

  /** GET when {@code json} is null, else POST of {@code json}. */
  private Answer exchange(String via, String url, String json, Map<String, String> headers)
      throws Exception {
    switch (via) {
      case "jdk":
        return jdk(url, json, headers);
      case "okhttp":
        return okHttp(url, json, headers);
      case "urlconnection":
        return urlConnection(url, json, headers);
      case "hc5":
        return hc5(url, json, headers);
      case "resttemplate":
        return restTemplate(url, json, headers);
      case "restclient":
        return restClient(restClient, url, json, headers);
      case "restclient-jdk":
        return restClient(restClientJdk, url, json, headers);
      case "webclient-jdk":
        return webClient(webClient, url, json, headers);
      case "webclient-netty":
        return webClient(webClientNetty, url, json, headers);
      default:
        throw new IllegalArgumentException("unknown client " + via);
    }
  }

  private Answer jdk(String url, String json, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (json != null) {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }
    HttpResponse<String> response = jdk.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private Answer okHttp(String url, String json, Map<String, String> headers) throws Exception {
    Request.Builder request = new Request.Builder().url(url);
    headers.forEach(request::header);
    if (json != null) {
      request.post(RequestBody.create(json, MediaType.get("application/json")));
    }
    try (Response response = okHttp.newCall(request.build()).execute()) {
      return new Answer(response.code(), response.body().string());
    }
  }

  private Answer urlConnection(String url, String json, Map<String, String> headers)
      throws Exception {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(30000);
    headers.forEach(connection::setRequestProperty);
    if (json != null) {
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(json.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = connection.getResponseCode();
    try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private Answer hc5(String url, String json, Map<String, String> headers) throws Exception {
    HttpUriRequestBase request;
    if (json == null) {
      request = new HttpGet(url);
    } else {
      HttpPost post = new HttpPost(url);
      post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
      request = post;
    }
    headers.forEach(request::addHeader);
    return hc5.execute(
        request,
        response ->
            new Answer(
                response.getCode(),
                EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
  }

  private Answer restTemplate(String url, String json, Map<String, String> headers) {
    HttpHeaders httpHeaders = new HttpHeaders();
    headers.forEach(httpHeaders::set);
    if (json != null) {
      httpHeaders.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    }
    ResponseEntity<String> response =
        restTemplate.exchange(
            URI.create(url),
            json == null ? HttpMethod.GET : HttpMethod.POST,
            new HttpEntity<>(json, httpHeaders),
            String.class);
    return new Answer(response.getStatusCode().value(), response.getBody());
  }

  private static Answer restClient(
      RestClient client, String url, String json, Map<String, String> headers) {
    RestClient.RequestBodySpec request =
        client
            .method(json == null ? HttpMethod.GET : HttpMethod.POST)
            .uri(URI.create(url))
            .headers(h -> headers.forEach(h::set));
    if (json != null) {
      request.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(json);
    }
    ResponseEntity<String> response = request.retrieve().toEntity(String.class);
    return new Answer(response.getStatusCode().value(), response.getBody());
  }

  private Answer webClient(WebClient client, String url, String json, Map<String, String> headers) {
    WebClient.RequestBodySpec request =
        client
            .method(json == null ? HttpMethod.GET : HttpMethod.POST)
            .uri(URI.create(url))
            .headers(h -> headers.forEach(h::set));
    if (json != null) {
      request.contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(json);
    }
    ResponseEntity<String> response =
        request.retrieve().toEntity(String.class).block(Duration.ofSeconds(30));
    return new Answer(response.getStatusCode().value(), response.getBody());
  }
}
