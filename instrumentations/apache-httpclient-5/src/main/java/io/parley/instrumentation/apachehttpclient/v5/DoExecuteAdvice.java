package io.parley.instrumentation.apachehttpclient.v5;

import io.parley.bootstrap.CallDepth;
import io.parley.bootstrap.ParleyBridge;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Inlined into {@code CloseableHttpClient.doExecute}: sets the propagation headers the agent asks
 * for on the request while it executes (HttpClient's redirects and retries resend them as they
 * are); hands the request's method and target to the bridge; for an LLM call, lets the agent see the request entity while it is sent (and puts
 * the application's own entity back afterwards), reports the response head, and gives the
 * application the response entity wrapped so that what it reads is seen too. Only the outermost
 * {@code doExecute} of a thread counts, so a decorating client yields one call.
 */
public final class DoExecuteAdvice {

  private DoExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object enter(
      @Advice.Argument(0) HttpHost target,
      @Advice.Argument(1) ClassicHttpRequest request,
      @Advice.Local("parleyAppEntity") HttpEntity appEntity,
      @Advice.Local("parleyAddedHeaders") String[] addedHeaders,
      @Advice.Local("parleyReplacedHeaders") Header[] replacedHeaders) {
    if (CallDepth.enter(CallDepth.APACHE_HTTP_CLIENT_5) > 0 || request == null) {
      return null;
    }
    String scheme;
    String host;
    int port;
    if (target != null) {
      scheme = target.getSchemeName();
      host = target.getHostName();
      port = target.getPort();
    } else {
      URIAuthority authority = request.getAuthority();
      scheme = request.getScheme();
      host = authority == null ? null : authority.getHostName();
      port = authority == null ? -1 : authority.getPort();
    }
    // propagation headers go on the application's request for this execution only: exit takes
    // them off again (and puts back a baggage header they merged), so a request object executed
    // again later does not carry this request's trace and session
    Header[] own = request.getHeaders();
    String[] existing = new String[own.length * 2];
    for (int i = 0; i < own.length; i++) {
      existing[2 * i] = own[i].getName();
      existing[2 * i + 1] = own[i].getValue();
    }
    String[] added =
        ParleyBridge.apacheHttpClient5OutboundHeaders(
            request.getMethod(), scheme, host, port, request.getRequestUri(), existing);
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
    Object call =
        ParleyBridge.apacheHttpClient5Start(
            request.getMethod(), scheme, host, port, request.getRequestUri());
    if (call == null) {
      return null;
    }
    HttpEntity entity = request.getEntity();
    if (entity != null) {
      Object sent = ParleyBridge.apacheHttpClient5RequestEntity(HttpEntity.class, call, entity);
      if (sent != entity && sent instanceof HttpEntity) {
        appEntity = entity;
        request.setEntity((HttpEntity) sent);
      }
    }
    return call;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void exit(
      @Advice.Argument(1) ClassicHttpRequest request,
      @Advice.Enter Object call,
      @Advice.Local("parleyAppEntity") HttpEntity appEntity,
      @Advice.Local("parleyAddedHeaders") String[] addedHeaders,
      @Advice.Local("parleyReplacedHeaders") Header[] replacedHeaders,
      @Advice.Return CloseableHttpResponse response,
      @Advice.Thrown Throwable thrown) {
    CallDepth.exit(CallDepth.APACHE_HTTP_CLIENT_5);
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
      request.setEntity(appEntity);
    }
    if (thrown != null || response == null) {
      ParleyBridge.llmEnd(call, thrown);
      return;
    }
    HttpEntity entity = response.getEntity();
    String contentType = entity == null ? null : entity.getContentType();
    if (contentType == null) {
      Header header = response.getFirstHeader("Content-Type");
      contentType = header == null ? null : header.getValue();
    }
    // after HttpClient's own decompression the entity reports no encoding: the bytes are plain
    ParleyBridge.llmResponseHead(
        call, response.getCode(), contentType, entity == null ? null : entity.getContentEncoding());
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
