package io.parley.instrumentation.springai.v1;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code gen_ai.provider.name} of a Spring AI chat model, from the Spring AI module its class
 * (or a superclass) comes from: {@code org.springframework.ai.openai.OpenAiChatModel} is
 * {@code openai}. Null for a model of the application's own, which the transport then names.
 */
final class SpringAiProviders {

  private static final String PREFIX = "org.springframework.ai.";
  private static final Map<String, String> BY_PACKAGE = new HashMap<String, String>();

  static {
    BY_PACKAGE.put("openai", "openai");
    BY_PACKAGE.put("anthropic", "anthropic");
    BY_PACKAGE.put("ollama", "ollama");
    BY_PACKAGE.put("azure", "azure.ai.openai");
    BY_PACKAGE.put("vertexai", "gcp.vertex_ai");
    BY_PACKAGE.put("google", "gcp.gen_ai");
    BY_PACKAGE.put("bedrock", "aws.bedrock");
    BY_PACKAGE.put("mistralai", "mistral_ai");
    BY_PACKAGE.put("deepseek", "deepseek");
    BY_PACKAGE.put("watsonx", "ibm.watsonx.ai");
    BY_PACKAGE.put("huggingface", "huggingface");
    BY_PACKAGE.put("minimax", "minimax");
    BY_PACKAGE.put("zhipuai", "zhipuai");
    BY_PACKAGE.put("oci", "oci.genai");
  }

  private SpringAiProviders() {}

  static String of(Class<?> chatModelType) {
    for (Class<?> c = chatModelType; c != null && c != Object.class; c = c.getSuperclass()) {
      String name = c.getName();
      if (name.startsWith(PREFIX)) {
        int end = name.indexOf('.', PREFIX.length());
        if (end > 0) {
          String module = name.substring(PREFIX.length(), end);
          if (module.equals("chat") || module.equals("model")) {
            continue; // Spring AI's own abstractions name no provider
          }
          String provider = BY_PACKAGE.get(module);
          return provider != null ? provider : module;
        }
      }
    }
    return null;
  }
}
