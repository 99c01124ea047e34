package io.parley.fakellm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiEmbeddingsTest {

    FakeLlmProvider llm;

    @BeforeEach
    void start() {
        llm = FakeLlmProvider.started();
    }

    @AfterEach
    void stop() {
        llm.close();
    }

    @Test
    void floatEmbeddingsOnePerInput() throws Exception {
        llm.usage(42, 0);
        JsonNode o = Http.json(Http.post(llm.openAiBaseUrl() + "/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\",\"c\"],\"dimensions\":4}"));
        assertEquals("list", o.path("object").asText());
        assertEquals("text-embedding-3-small", o.path("model").asText());
        assertEquals(3, o.path("data").size());
        for (int i = 0; i < 3; i++) {
            JsonNode e = o.path("data").get(i);
            assertEquals("embedding", e.path("object").asText());
            assertEquals(i, e.path("index").asInt());
            assertEquals(4, e.path("embedding").size());
        }
        assertEquals(42, o.path("usage").path("prompt_tokens").asLong());
        assertEquals(42, o.path("usage").path("total_tokens").asLong());
    }

    @Test
    void base64EmbeddingsAreLittleEndianFloat32() throws Exception {
        JsonNode o = Http.json(Http.post(llm.openAiBaseUrl() + "/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":\"a\",\"encoding_format\":\"base64\"}"));
        assertEquals(1, o.path("data").size());
        JsonNode emb = o.path("data").get(0).path("embedding");
        assertTrue(emb.isTextual());
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(emb.asText())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8 * 4, b.remaining());
        double norm = 0;
        while (b.hasRemaining()) {
            float f = b.getFloat();
            norm += f * f;
        }
        assertEquals(1.0, norm, 1e-5, "unit vector");
    }

    @Test
    void tokenArrayInputIsOneEmbedding() throws Exception {
        JsonNode o = Http.json(Http.post(llm.openAiBaseUrl() + "/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[1,2,3]}"));
        assertEquals(1, o.path("data").size());
    }
}
