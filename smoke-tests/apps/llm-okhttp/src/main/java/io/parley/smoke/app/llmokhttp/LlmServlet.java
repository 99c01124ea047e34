package io.parley.smoke.app.llmokhttp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One GET endpoint per kind of LLM call. Each answers 200 with what the application got from the
 * call (text, or the exception the SDK threw), so a test can compare runs with and without the
 * agent; {@code /raw/fetch} answers the exact bytes it read, base64-encoded.
 */
final class LlmServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient SdkCalls sdk;
  private final transient RawOkHttpCalls raw;

  LlmServlet(SdkCalls sdk, RawOkHttpCalls raw) {
    this.sdk = sdk;
    this.raw = raw;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getRequestURI();
    String result;
    try {
      result = dispatch(path, request, response);
    } catch (RuntimeException e) {
      // what the SDK threw, as the application would see it (unwrapped from a future's wrapper)
      Throwable cause =
          e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
      result = "exception=" + cause.getClass().getName() + "\nmessage=" + cause.getMessage();
    }
    if (result == null) {
      response.sendError(404, "no endpoint " + path);
      return;
    }
    response.setContentType("text/plain; charset=utf-8");
    response.getOutputStream().write(result.getBytes(StandardCharsets.UTF_8));
  }

  private String dispatch(String path, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (path) {
      case "/ready":
        return "ready";
      case "/openai/chat":
        return sdk.openAiChat();
      case "/openai/chat-async":
        return sdk.openAiChatAsync();
      case "/openai/chat-stream":
        return sdk.openAiChatStream();
      case "/openai/responses":
        return sdk.openAiResponses();
      case "/anthropic/messages":
        return sdk.anthropicMessages();
      case "/anthropic/messages-async":
        return sdk.anthropicMessagesAsync();
      case "/anthropic/messages-stream":
        return sdk.anthropicMessagesStream();
      case "/raw/openai-chat":
        return raw.openAiChat(false).describe();
      case "/raw/openai-chat-async":
        return raw.openAiChatAsync().describe();
      case "/raw/openai-chat-stream":
        return raw.openAiChat(true).describe();
      case "/raw/gemini":
        return raw.geminiGenerateContent(false).describe();
      case "/raw/gemini-key-in-query":
        return raw.geminiGenerateContent(true).describe();
      case "/raw/ollama":
        return raw.ollamaChat().describe();
      case "/raw/fetch":
        RawOkHttpCalls.Read read =
            raw.fetch(
                request.getParameter("url"),
                "true".equals(request.getParameter("stream")),
                "true".equals(request.getParameter("gzip")));
        response.setHeader("X-Upstream-Status", String.valueOf(read.status));
        if (read.contentEncoding != null) {
          response.setHeader("X-Upstream-Content-Encoding", read.contentEncoding);
        }
        if (read.error != null) {
          response.setHeader("X-Upstream-Error", read.error);
        }
        return read.base64();
      default:
        return null;
    }
  }
}
