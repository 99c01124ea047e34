package io.parley.fakellm;

import java.util.Locale;

/** The endpoints the fake serves, and how a request path maps onto them. */
enum Route {
    OPENAI_CHAT(Dialect.OPENAI, true),
    OPENAI_RESPONSES(Dialect.OPENAI, true),
    OPENAI_EMBEDDINGS(Dialect.OPENAI, true),
    OPENAI_MODELS(Dialect.OPENAI, false),
    ANTHROPIC_MESSAGES(Dialect.ANTHROPIC, true),
    ANTHROPIC_COUNT_TOKENS(Dialect.ANTHROPIC, true),
    GEMINI_GENERATE(Dialect.GEMINI, true),
    GEMINI_STREAM(Dialect.GEMINI, true),
    GEMINI_EMBED(Dialect.GEMINI, true),
    GEMINI_BATCH_EMBED(Dialect.GEMINI, true),
    GEMINI_COUNT_TOKENS(Dialect.GEMINI, true),
    OLLAMA_CHAT(Dialect.OLLAMA, true),
    OLLAMA_GENERATE(Dialect.OLLAMA, true),
    OLLAMA_EMBED(Dialect.OLLAMA, true),
    OLLAMA_EMBEDDINGS(Dialect.OLLAMA, true),
    OLLAMA_TAGS(Dialect.OLLAMA, false),
    OLLAMA_VERSION(Dialect.OLLAMA, false),
    OLLAMA_ROOT(Dialect.OLLAMA, false),
    BEDROCK_CONVERSE(Dialect.BEDROCK, true),
    BEDROCK_CONVERSE_STREAM(Dialect.BEDROCK, true);

    final Dialect dialect;
    /** Whether the request is an LLM call that takes the next scripted response (and its fault). */
    final boolean scripted;

    Route(Dialect dialect, boolean scripted) {
        this.dialect = dialect;
        this.scripted = scripted;
    }

    /** The route for this request, or null (404). */
    static Route of(String method, String rawPath) {
        String m = method.toUpperCase(Locale.ROOT);
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        boolean post = m.equals("POST");
        boolean get = m.equals("GET") || m.equals("HEAD");
        if (path.equals("/") || path.isEmpty()) {
            return get ? OLLAMA_ROOT : null;
        }
        if (path.startsWith("/api/")) {
            switch (path) {
                case "/api/chat": return post ? OLLAMA_CHAT : null;
                case "/api/generate": return post ? OLLAMA_GENERATE : null;
                case "/api/embed": return post ? OLLAMA_EMBED : null;
                case "/api/embeddings": return post ? OLLAMA_EMBEDDINGS : null;
                case "/api/tags": return get ? OLLAMA_TAGS : null;
                case "/api/version": return get ? OLLAMA_VERSION : null;
                default: return null;
            }
        }
        if (path.startsWith("/model/") && (path.endsWith("/converse") || path.endsWith("/converse-stream"))) {
            if (!post) {
                return null;
            }
            return path.endsWith("/converse") ? BEDROCK_CONVERSE : BEDROCK_CONVERSE_STREAM;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            // Gemini verbs are sometimes sent percent-encoded (%3A)
            int enc = last.toUpperCase(Locale.ROOT).indexOf("%3A");
            if (enc >= 0) {
                last = last.substring(0, enc) + ":" + last.substring(enc + 3);
                colon = enc;
            }
        }
        if (colon >= 0 && path.contains("/models/")) {
            if (!post) {
                return null;
            }
            switch (last.substring(colon + 1)) {
                case "generateContent": return GEMINI_GENERATE;
                case "streamGenerateContent": return GEMINI_STREAM;
                case "embedContent": return GEMINI_EMBED;
                case "batchEmbedContents": return GEMINI_BATCH_EMBED;
                case "countTokens": return GEMINI_COUNT_TOKENS;
                default: return null;
            }
        }
        if (post) {
            if (path.endsWith("/chat/completions")) {
                return OPENAI_CHAT;
            }
            if (path.endsWith("/responses")) {
                return OPENAI_RESPONSES;
            }
            if (path.endsWith("/embeddings")) {
                return OPENAI_EMBEDDINGS;
            }
            if (path.endsWith("/messages/count_tokens")) {
                return ANTHROPIC_COUNT_TOKENS;
            }
            if (path.endsWith("/messages")) {
                return ANTHROPIC_MESSAGES;
            }
        }
        if (get && path.endsWith("/models")) {
            return OPENAI_MODELS;
        }
        return null;
    }

    /** The Gemini model named in the path ({@code .../models/gemini-2.0-flash:generateContent}), or null. */
    static String geminiModel(String rawPath) {
        int i = rawPath.lastIndexOf("/models/");
        if (i < 0) {
            return null;
        }
        String rest = java.net.URLDecoder.decode(rawPath.substring(i + "/models/".length()),
                java.nio.charset.StandardCharsets.UTF_8);
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    /** The Bedrock model named in the path ({@code /model/{modelId}/converse}), decoded, or null. */
    static String bedrockModel(String rawPath) {
        if (!rawPath.startsWith("/model/")) {
            return null;
        }
        String rest = rawPath.substring("/model/".length());
        int slash = rest.lastIndexOf('/');
        return java.net.URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The Azure OpenAI deployment named in the path ({@code /openai/deployments/{name}/...}), or null. */
    static String azureDeployment(String rawPath) {
        int i = rawPath.indexOf("/deployments/");
        if (i < 0) {
            return null;
        }
        String rest = rawPath.substring(i + "/deployments/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
