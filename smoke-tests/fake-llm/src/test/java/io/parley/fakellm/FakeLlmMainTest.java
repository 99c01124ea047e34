package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeLlmMainTest {

    @Test
    void standaloneProcessPrintsReadyAndIsScriptableOverHttp() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.parley.fakellm.FakeLlmMain", "0", "--dated-models", "--usage=30,4")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertTrue(ready != null && ready.matches("FAKE_LLM_READY \\d+"), "got: " + ready);
            String base = "http://127.0.0.1:" + ready.substring("FAKE_LLM_READY ".length());

            JsonNode first = Http.json(Http.post(base + "/v1/chat/completions", "{\"model\":\"gpt-4o-mini\"}"));
            assertEquals("gpt-4o-mini-2024-07-18", first.path("model").asText());
            assertEquals(30, first.path("usage").path("prompt_tokens").asLong());

            Http.post(base + "/__fake/next", "{\"text\":\"scripted\",\"usage\":{\"input\":7,\"output\":2}}");
            Http.post(base + "/__fake/next", "{\"fault\":{\"type\":\"rate_limited\",\"retryAfter\":0}}");
            JsonNode second = Http.json(Http.post(base + "/v1/chat/completions", "{\"model\":\"x\"}"));
            assertEquals("scripted", second.path("choices").get(0).path("message").path("content").asText());
            assertEquals(7, second.path("usage").path("prompt_tokens").asLong());
            HttpResponse<byte[]> limited = Http.post(base + "/v1/chat/completions", "{\"model\":\"x\"}",
                    "x-session", "abc");
            assertEquals(429, limited.statusCode());

            JsonNode recorded = Http.json(Http.get(base + "/__fake/requests"));
            assertEquals(3, recorded.size(), "control requests are not recorded");
            assertEquals("abc", recorded.get(2).path("headers").path("x-session").get(0).asText());
            assertEquals("{\"model\":\"x\"}", recorded.get(2).path("body").asText());
            Http.post(base + "/__fake/clear", "{}");
            assertEquals(0, Http.json(Http.get(base + "/__fake/requests")).size());
        } finally {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
