package io.parley.fakellm;

/** Which provider's conventions (error shapes, request-id header) an endpoint follows. */
enum Dialect {
    OPENAI, ANTHROPIC, GEMINI, OLLAMA, BEDROCK
}
