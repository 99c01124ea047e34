package io.parley.instrumentation.apachehttpclient.v4;

import io.parley.bootstrap.CallDepth;
import io.parley.bootstrap.ParleyBridge;
import net.bytebuddy.asm.Advice;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpEntityEnclosingRequest;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;

/**
 * Inlined into HttpClient 4's {@code CloseableHttpClient.doExecute}: what the HttpClient 5 advice
 * does, through the same agent-side hooks, for 4.x's types: the propagation headers set on the
 * request while it executes; for an LLM call, the request entity seen while it is sent, the
 * response head reported and the response entity wrapped. Only the outermost {@code doExecute} of
 * a thread counts.
 */
public final class DoExecuteAdvice {

  private DoExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) HttpRequest request,
      @Advice.Local("parleyAppEntity") HttpEntity appEntity,
      @Advice.Local("parleyAddedHeaders") String[] addedHeaders,
      @Advice.Local("parleyReplacedHeaders") Header[] replacedHeaders) {
    if (CallDepth.enter(CallDepth.APACHE_HTTP_CLIENT_4) > 0 || request == null) {
      return null;
    }
    String scheme = target == null ? null : target.getSchemeName();
    String host = target == null ? null : target.getHostName();
    int port = target == null ? -1 : target.getPort();
    String method = request.getRequestLine().getMethod();
    String uri = request.getRequestLine().getUri();
    // on the application's request for this execution only: exit takes them off again
    Header[] own = request.getAllHeaders();
    String[] existing = new String[own.length * 2];
    for (int i = 0; i < own.length; i++) {
      existing[2 * i] = own[i].getName();
      existing[2 * i + 1] = own[i].getValue();
    }
    String[] added =
        ParleyBridge.apacheHttpClient5OutboundHeaders(method, scheme, host, port, uri, existing);
    if (added.length >= 2) {
      java.util.List<Header> replaced = new java.util.ArrayList<Header>();
      for (int i = 0; i + 1 < added.length; i += 2) {
        java.util.Collections.addAll(replaced, request.getHeaders(added[i]));
        request.removeHeaders(added[i]);
        request.addHeader(added[i], added[i + 1]);
      }
      addedHeaders = added;
      replacedHeaders = replaced.toArray(new Header[0]);
    }
    Object call = ParleyBridge.apacheHttpClient5Start(method, scheme, host, port, uri);
    if (call == null) {
      return null;
    }
    if (request instanceof HttpEntityEnclosingRequest) {
      HttpEntityEnclosingRequest withBody = (HttpEntityEnclosingRequest) request;
      HttpEntity entity = withBody.getEntity();
      if (entity != null) {
        Object sent = ParleyBridge.apacheHttpClient5RequestEntity(HttpEntity.class, call, entity);
        if (sent != entity && sent instanceof HttpEntity) {
          appEntity = entity;
          withBody.setEntity((HttpEntity) sent);
        }
      }
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(1) HttpRequest request,
      @Advice.Enter Object call,
      @Advice.Local("parleyAppEntity") HttpEntity appEntity,
      @Advice.Local("parleyAddedHeaders") String[] addedHeaders,
      @Advice.Local("parleyReplacedHeaders") Header[] replacedHeaders,
      @Advice.Return CloseableHttpResponse response,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(CallDepth.APACHE_HTTP_CLIENT_4);
    if (addedHeaders != null) {
      for (int i = 0; i + 1 < addedHeaders.length; i += 2) {
        request.removeHeaders(addedHeaders[i]);
      }
      for (Header header : replacedHeaders) {
        request.addHeader(header);
      }
    }
    if (call == null) {
      return;
    }
    if (appEntity != null) {
      ((HttpEntityEnclosingRequest) request).setEntity(appEntity);
    }
    if (thrown != null || response == null) {
      ParleyBridge.llmEnd(call, thrown);
      return;
    }
    HttpEntity entity = response.getEntity();
    Header contentType = entity == null ? null : entity.getContentType();
    if (contentType == null) {
      contentType = response.getFirstHeader("Content-Type");
    }
    // HttpClient 4 decompresses by wrapping the entity and removing the response's
    // Content-Encoding header, while the wrapper still reports the original encoding: the header
    // is what says whether the bytes the application reads are still encoded
    Header encoding = response.getFirstHeader("Content-Encoding");
    ParleyBridge.llmResponseHead(
        call,
        response.getStatusLine().getStatusCode(),
        contentType == null ? null : contentType.getValue(),
        encoding == null ? null : encoding.getValue());
    if (entity == null) {
      ParleyBridge.llmEnd(call, null);
      return;
    }
    Object read = ParleyBridge.apacheHttpClient5ResponseEntity(HttpEntity.class, call, entity);
    if (read != entity && read instanceof HttpEntity) {
      response.setEntity((HttpEntity) read);
    }
  }
}
