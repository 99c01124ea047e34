package io.parley.fakellm;

import java.nio.charset.StandardCharsets;

/** Error responses in each provider's own shape. */
final class Errors {

    private Errors() {
    }

    /** The response for a status-type fault (rate limit, 5xx, raw); null for stream faults and disconnect. */
    static Rendered forFault(FakeFault f, Dialect d, String model, String requestId) {
        switch (f.kind) {
            case RATE_LIMITED:
                return rateLimited(d, model, requestId, f.retryAfterSeconds);
            case SERVER_ERROR:
            case STREAM_ERROR: // on a non-streaming call
                return serverError(d, requestId);
            case OVERLOADED:
                return overloaded(d, requestId);
            case ANTHROPIC_ERROR:
                return json(f.status, AnthropicWire.JSON, AnthropicWire.errorBody(f.errorType, f.message, requestId));
            case RAW_STATUS:
                return json(f.status, "application/json", f.rawBody);
            default:
                return null;
        }
    }

    static Rendered rateLimited(Dialect d, String model, String requestId, int retryAfter) {
        Rendered r;
        switch (d) {
            case ANTHROPIC:
                r = json(429, AnthropicWire.JSON, AnthropicWire.errorBody("rate_limit_error",
                        "This request would exceed the rate limit for your organization of 50 requests per minute. "
                                + "For details, refer to: https://docs.claude.com/en/api/rate-limits.", requestId))
                        .header("anthropic-ratelimit-requests-limit", "50")
                        .header("anthropic-ratelimit-requests-remaining", "0");
                break;
            case GEMINI:
                r = json(429, GeminiWire.JSON, Json.str(GeminiWire.errorObject(429,
                        "Resource has been exhausted (e.g. check quota).", "RESOURCE_EXHAUSTED")));
                break;
            case OLLAMA:
                r = json(429, OllamaWire.JSON, OllamaWire.errorBody("rate limit exceeded"));
                break;
            case BEDROCK:
                r = BedrockWire.error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
                break;
            default:
                r = json(429, OpenAiWire.JSON, OpenAiWire.errorBody("requests",
                        "Rate limit reached for " + model + " in organization org-fakellm on requests per min (RPM): "
                                + "Limit 3, Used 3, Requested 1. Please try again in " + retryAfter + "s. Visit "
                                + "https://platform.openai.com/account/rate-limits to learn more.",
                        "rate_limit_exceeded"))
                        .header("x-ratelimit-limit-requests", "3")
                        .header("x-ratelimit-remaining-requests", "0")
                        .header("x-ratelimit-reset-requests", retryAfter + "s");
        }
        return r.header("retry-after", Integer.toString(retryAfter));
    }

    static Rendered serverError(Dialect d, String requestId) {
        switch (d) {
            case ANTHROPIC:
                return json(500, AnthropicWire.JSON,
                        AnthropicWire.errorBody("api_error", "Internal server error", requestId));
            case GEMINI:
                return json(500, GeminiWire.JSON, Json.str(GeminiWire.errorObject(500, "An internal error has occurred. "
                        + "Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
                        "INTERNAL")));
            case OLLAMA:
                return json(500, OllamaWire.JSON, OllamaWire.errorBody("an unknown error was encountered"));
            case BEDROCK:
                return BedrockWire.error(500, "InternalServerException", "The server encountered an internal error.");
            default:
                return json(500, OpenAiWire.JSON, OpenAiWire.errorBody("server_error",
                        "The server had an error while processing your request. Sorry about that!", null));
        }
    }

    static Rendered overloaded(Dialect d, String requestId) {
        switch (d) {
            case ANTHROPIC:
                return json(529, AnthropicWire.JSON, AnthropicWire.errorBody("overloaded_error", "Overloaded", requestId));
            case GEMINI:
                return json(503, GeminiWire.JSON, Json.str(GeminiWire.errorObject(503,
                        "The model is overloaded. Please try again later.", "UNAVAILABLE")));
            case OLLAMA:
                return json(503, OllamaWire.JSON,
                        OllamaWire.errorBody("server busy, please try again.  maximum pending requests exceeded"));
            case BEDROCK:
                return BedrockWire.error(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
            default:
                return json(503, OpenAiWire.JSON, OpenAiWire.errorBody("server_error",
                        "The server is overloaded or not ready yet.", null));
        }
    }

    static Rendered badRequest(Dialect d, String requestId) {
        switch (d) {
            case ANTHROPIC:
                return json(400, AnthropicWire.JSON, AnthropicWire.errorBody("invalid_request_error",
                        "There was an issue with the format of your request: the body is not a JSON object", requestId));
            case GEMINI:
                return json(400, GeminiWire.JSON, Json.str(GeminiWire.errorObject(400,
                        "Invalid JSON payload received.", "INVALID_ARGUMENT")));
            case OLLAMA:
                return json(400, OllamaWire.JSON, OllamaWire.errorBody("invalid request body"));
            case BEDROCK:
                return BedrockWire.error(400, "ValidationException", "Malformed input request, please reformat your input and try again.");
            default:
                return json(400, OpenAiWire.JSON, OpenAiWire.errorBody("invalid_request_error",
                        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
                                + "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent "
                                + "was not valid JSON.)", null));
        }
    }

    static Rendered notFound(String method, String path) {
        return json(404, OpenAiWire.JSON, OpenAiWire.errorBody("invalid_request_error",
                "Invalid URL (" + method + " " + path + ")", null));
    }

    private static Rendered json(int status, String contentType, String body) {
        return Rendered.body(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
