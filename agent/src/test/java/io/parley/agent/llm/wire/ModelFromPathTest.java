package io.parley.agent.llm.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ModelFromPathTest {

  @Test
  void geminiApiModel() {
    assertEquals("gemini-2.5-flash",
        ModelFromPath.gemini("/v1beta/models/gemini-2.5-flash:generateContent"));
    assertEquals("gemini-2.5-flash",
        ModelFromPath.gemini("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
  }

  @Test
  void geminiTunedModel() {
    assertEquals("my-tuned-model-x1y2",
        ModelFromPath.gemini("/v1beta/tunedModels/my-tuned-model-x1y2:generateContent"));
  }

  @Test
  void vertexPublisherModel() {
    assertEquals("gemini-2.5-pro", ModelFromPath.gemini("/v1/projects/my-project/locations/"
        + "us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse"));
  }

  @Test
  void geminiEncodedColon() {
    assertEquals("gemini-2.0-flash",
        ModelFromPath.gemini("/v1beta/models/gemini-2.0-flash%3AgenerateContent"));
    assertEquals("generateContent",
        ModelFromPath.geminiMethod("/v1beta/models/gemini-2.0-flash%3AgenerateContent"));
  }

  @Test
  void geminiMethod() {
    assertEquals("streamGenerateContent", ModelFromPath.geminiMethod(
        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=k:1"));
  }

  @Test
  void geminiPathWithoutModel() {
    assertNull(ModelFromPath.gemini("/v1beta/files:upload"));
    assertNull(ModelFromPath.gemini("/v1beta/models/"));
    assertNull(ModelFromPath.gemini(null));
    assertNull(ModelFromPath.gemini(":generateContent"));
    assertNull(ModelFromPath.geminiMethod("/v1beta/models"));
  }

  @Test
  void bedrockModelIdIsUrlDecoded() {
    assertEquals("anthropic.claude-3-5-sonnet-20240620-v1:0", ModelFromPath.bedrock(
        "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse"));
    assertEquals("us.anthropic.claude-sonnet-4-5-20250929-v1:0", ModelFromPath.bedrock(
        "/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/converse"));
  }

  @Test
  void bedrockInferenceProfileArn() {
    assertEquals("arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
            + "us.anthropic.claude-3-7-sonnet-20250219-v1:0",
        ModelFromPath.bedrock("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3A"
            + "inference-profile%2Fus.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse"));
  }

  @Test
  void bedrockPathWithoutModel() {
    assertNull(ModelFromPath.bedrock("/converse"));
    assertNull(ModelFromPath.bedrock("/model//converse"));
    assertNull(ModelFromPath.bedrock(null));
  }

  @Test
  void badPercentEscapesStayAsWritten() {
    assertEquals("a%zzb%4", ModelFromPath.percentDecode("a%zzb%4"));
    assertEquals("mod\u00e8le", ModelFromPath.percentDecode("mod%C3%A8le"));
  }
}
