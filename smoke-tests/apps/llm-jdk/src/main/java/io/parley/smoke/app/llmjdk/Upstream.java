package io.parley.smoke.app.llmjdk;

/** What the service read from an LLM API: status and the exact body bytes. */
record Upstream(int status, byte[] body) {}
