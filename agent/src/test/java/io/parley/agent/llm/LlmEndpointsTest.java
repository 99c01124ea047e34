package io.parley.agent.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LlmEndpointsTest {

  private final LlmEndpoints endpoints = new LlmEndpoints();

  @ParameterizedTest(name = "{0} {1}:{2}{3} -> {4} {5}")
  @CsvSource({
    "POST, api.openai.com, 443, /v1/chat/completions, OPENAI_CHAT_COMPLETIONS, openai",
    "POST, API.OpenAI.com, 443, /v1/chat/completions/, OPENAI_CHAT_COMPLETIONS, openai",
    "post, api.openai.com., 443, /v1/responses, OPENAI_RESPONSES, openai",
    "POST, api.openai.com, 443, /v1/embeddings, OPENAI_EMBEDDINGS, openai",
    "POST, my-res.openai.azure.com, 443, /openai/deployments/gpt4o/chat/completions?api-version=2024-10-21, OPENAI_CHAT_COMPLETIONS, azure.ai.openai",
    "POST, my-res.openai.azure.com, 443, /openai/deployments/emb/embeddings?api-version=2024-10-21, OPENAI_EMBEDDINGS, azure.ai.openai",
    "POST, my-res.openai.azure.com, 443, /openai/v1/responses, OPENAI_RESPONSES, azure.ai.openai",
    "POST, my-res.cognitiveservices.azure.com, 443, /openai/deployments/x/chat/completions, OPENAI_CHAT_COMPLETIONS, azure.ai.openai",
    "POST, api.anthropic.com, 443, /v1/messages, ANTHROPIC_MESSAGES, anthropic",
    "POST, api.anthropic.com, 443, /v1/messages?beta=true, ANTHROPIC_MESSAGES, anthropic",
    "POST, generativelanguage.googleapis.com, 443, /v1beta/models/gemini-2.5-flash:generateContent, GEMINI_GENERATE_CONTENT, gcp.gemini",
    "POST, generativelanguage.googleapis.com, 443, /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse, GEMINI_STREAM_GENERATE_CONTENT, gcp.gemini",
    "POST, generativelanguage.googleapis.com, 443, /v1beta/openai/chat/completions, OPENAI_CHAT_COMPLETIONS, gcp.gemini",
    "POST, us-central1-aiplatform.googleapis.com, 443, /v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent, GEMINI_GENERATE_CONTENT, gcp.vertex_ai",
    "POST, bedrock-runtime.us-east-1.amazonaws.com, 443, /model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse, BEDROCK_CONVERSE, aws.bedrock",
    "POST, bedrock-runtime-fips.us-west-2.amazonaws.com, 443, /model/arn%3Aaws%3Abedrock%3Aus-west-2%3A1%3Ainference-profile%2Fx/converse, BEDROCK_CONVERSE, aws.bedrock",
    "POST, bedrock-runtime.us-east-1.amazonaws.com, 443, /model/amazon.nova-pro-v1%3A0/converse-stream, BEDROCK_CONVERSE, aws.bedrock",
    "POST, api.deepseek.com, 443, /chat/completions, OPENAI_CHAT_COMPLETIONS, deepseek",
    "POST, api.groq.com, 443, /openai/v1/chat/completions, OPENAI_CHAT_COMPLETIONS, groq",
    "POST, api.mistral.ai, 443, /v1/chat/completions, OPENAI_CHAT_COMPLETIONS, mistral_ai",
    "POST, api.mistral.ai, 443, /v1/embeddings, OPENAI_EMBEDDINGS, mistral_ai",
    "POST, api.x.ai, 443, /v1/chat/completions, OPENAI_CHAT_COMPLETIONS, x_ai",
    "POST, api.perplexity.ai, 443, /chat/completions, OPENAI_CHAT_COMPLETIONS, perplexity",
    "POST, localhost, 8000, /v1/chat/completions, OPENAI_CHAT_COMPLETIONS, openai",
    "POST, litellm.internal, 4000, /chat/completions, OPENAI_CHAT_COMPLETIONS, openai",
    "POST, 10.0.0.7, 8000, /v1/embeddings, OPENAI_EMBEDDINGS, openai",
    "POST, vllm, 8000, /v1/responses, OPENAI_RESPONSES, openai",
    "POST, litellm.internal, 4000, /v1/messages, ANTHROPIC_MESSAGES, anthropic",
    "POST, localhost, 11434, /api/chat, OLLAMA_CHAT, ollama",
    "POST, localhost, 11434, /api/generate, OLLAMA_GENERATE, ollama",
    "POST, ollama.svc.cluster.local, 80, /api/chat, OLLAMA_CHAT, ollama",
    "POST, 127.0.0.1, 39001, /api/chat, OLLAMA_CHAT, ollama",
    "POST, text.internal, 8080, /api/generate, OLLAMA_GENERATE, ollama",
    "POST, localhost, 11434, /v1/chat/completions, OPENAI_CHAT_COMPLETIONS, openai",
    "POST, gateway.example.com, 443, /proxy/openai/v1/chat/completions#frag, OPENAI_CHAT_COMPLETIONS, openai",
  })
  void recognised(String method, String host, int port, String path, LlmApi api, String provider) {
    LlmEndpoint endpoint = endpoints.classify(method, host, port, path);
    assertEquals(api, endpoint == null ? null : endpoint.api(), host + path);
    assertEquals(provider, endpoint.providerName());
    assertEquals(host.toLowerCase().replaceAll("\\.$", ""), endpoint.serverAddress());
    assertEquals(port, endpoint.serverPort());
  }

  @ParameterizedTest(name = "{0} {1}:{2}{3} -> none")
  @CsvSource({
    "GET, api.openai.com, 443, /v1/models",
    "GET, api.openai.com, 443, /v1/chat/completions",
    "GET, api.openai.com, 443, /v1/responses/resp_123",
    "POST, api.openai.com, 443, /v1/responses/resp_123/cancel",
    "POST, api.openai.com, 443, /v1/chat/completions/chatcmpl-1",
    "POST, api.openai.com, 443, /v1/files",
    "POST, api.anthropic.com, 443, /v1/messages/count_tokens",
    "POST, api.anthropic.com, 443, /v1/messages/batches",
    "POST, bedrock-runtime.us-east-1.amazonaws.com, 443, /model/m/invoke",
    "POST, forms.example.com, 443, /api/surveys/7/responses",
    "POST, search.example.com, 443, /index/embeddings",
    "POST, example.com, 443, /",
    "POST, example.com, 443, ''",
    "PUT, api.openai.com, 443, /v1/chat/completions",
    "POST, example.com, 443, /v1/chat/completions-old",
  })
  void notRecognised(String method, String host, int port, String path) {
    assertNull(endpoints.classify(method, host, port, path == null ? "" : path));
  }

  @Test
  void nullsAreNotLlmCalls() {
    assertNull(endpoints.classify(null, "api.openai.com", 443, "/v1/chat/completions"));
    assertNull(endpoints.classify("POST", null, 443, "/v1/chat/completions"));
    assertNull(endpoints.classify("POST", "api.openai.com", 443, null));
  }

  @Test
  void configuredHostsMatchEveryKnownPath() {
    LlmEndpoints configured =
        new LlmEndpoints(
            Arrays.asList("chat-backend.internal", "models.internal:9000", " "),
            Collections.<String>emptyList());
    assertEquals(
        LlmApi.OLLAMA_CHAT,
        configured.classify("POST", "chat-backend.internal", 8080, "/api/chat").api());
    assertEquals(
        LlmApi.OPENAI_RESPONSES,
        configured.classify("POST", "models.internal", 9000, "/responses").api());
    assertEquals("openai", configured.classify("POST", "models.internal", 9000, "/responses")
        .providerName());
    assertNull(configured.classify("POST", "models.internal", 9001, "/responses"));
    assertNull(configured.classify("POST", "chat-backend.internal", 8080, "/api/other"));
  }

  @Test
  void configuredPathSuffixesAreChatCompletionsOnAnyHost() {
    LlmEndpoints configured =
        new LlmEndpoints(
            Collections.<String>emptyList(), Arrays.asList("llm/invoke/", "/gateway/complete"));
    assertEquals(
        LlmApi.OPENAI_CHAT_COMPLETIONS,
        configured.classify("POST", "gw.internal", 80, "/team/llm/invoke?x=1").api());
    assertEquals(
        LlmApi.OPENAI_CHAT_COMPLETIONS,
        configured.classify("POST", "gw.internal", 80, "/gateway/complete").api());
    assertNull(configured.classify("POST", "gw.internal", 80, "/gateway/other"));
  }

  @Test
  void providerHosts() {
    LlmEndpoints configured =
        new LlmEndpoints(Arrays.asList("llm.internal:8443"), Collections.<String>emptyList());
    assertTrue(configured.isProviderHost("api.openai.com"));
    assertTrue(configured.isProviderHost("API.ANTHROPIC.COM"));
    assertTrue(configured.isProviderHost("x.openai.azure.com"));
    assertTrue(configured.isProviderHost("generativelanguage.googleapis.com"));
    assertTrue(configured.isProviderHost("bedrock-runtime.eu-west-1.amazonaws.com"));
    assertTrue(configured.isProviderHost("api.groq.com"));
    assertTrue(configured.isProviderHost("llm.internal"));
    assertFalse(configured.isProviderHost("localhost"));
    assertFalse(configured.isProviderHost("s3.amazonaws.com"));
    assertFalse(configured.isProviderHost("openai.com.evil.example"));
    assertFalse(configured.isProviderHost(null));
  }
}
