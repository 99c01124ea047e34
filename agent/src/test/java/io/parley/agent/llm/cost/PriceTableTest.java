package io.parley.agent.llm.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private final PriceTable table = PriceTable.builtIn();

  private String entryFor(String model) {
    Price price = table.find(model);
    return price == null ? null : price.model();
  }

  @Test
  void builtInTableLoadsCleanlyWithItsDate() {
    List<String> lines = new ArrayList<String>();
    PriceTable loaded = PriceTable.load(new ParleyLog(lines::add, System::nanoTime));
    assertTrue(lines.isEmpty(), lines.toString());
    assertEquals("2025-11-25", loaded.takenDate());
    assertEquals(loaded.models(), table.models());
  }

  @Test
  void everyRequiredModelIsListed() {
    String[] required = {"gpt-5", "gpt-5-mini", "gpt-5-nano", "gpt-4.1", "gpt-4.1-mini",
        "gpt-4.1-nano", "gpt-4o", "gpt-4o-mini", "o1", "o3", "o3-mini", "o4-mini",
        "text-embedding-3-small", "text-embedding-3-large", "claude-opus-4-1", "claude-opus-4",
        "claude-sonnet-4-5", "claude-sonnet-4", "claude-3-7-sonnet", "claude-3-5-haiku",
        "claude-haiku-4-5", "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite",
        "gemini-2.0-flash"};
    for (String model : required) {
      assertEquals(model, entryFor(model), model);
    }
  }

  @Test
  void listPrices() {
    assertPrice("gpt-4o", 2.50, 1.25, 2.50, 10.00);
    assertPrice("gpt-5", 1.25, 0.125, 1.25, 10.00);
    assertPrice("claude-sonnet-4-5", 3.00, 0.30, 3.75, 15.00);
    assertPrice("gemini-2.5-flash", 0.30, 0.03, 0.30, 2.50);
    assertPrice("text-embedding-3-small", 0.02, 0.02, 0.02, 0.00);
  }

  @Test
  void anthropicCacheWritesAreOneAndAQuarterTimesInput() {
    for (String model : table.models()) {
      if (model.startsWith("claude-")) {
        Price price = table.find(model);
        assertEquals(price.inputPerMillion() * 1.25, price.cacheWritePerMillion(), 1e-9, model);
      }
    }
  }

  @Test
  void datedNamesFallBackToTheirFamily() {
    assertEquals("gpt-4o", entryFor("gpt-4o-2024-08-06"));
    assertEquals("gpt-4o-mini", entryFor("gpt-4o-mini-2024-07-18"));
    assertEquals("claude-sonnet-4-5", entryFor("claude-sonnet-4-5-20250929"));
    assertEquals("claude-opus-4", entryFor("claude-opus-4-20250514"));
    assertEquals("claude-opus-4-1", entryFor("claude-opus-4-1-20250805"));
    assertEquals("claude-3-7-sonnet", entryFor("claude-3-7-sonnet-latest"));
    assertEquals("gpt-4.1-nano", entryFor("gpt-4.1-nano-2025-04-14"));
    assertEquals("o3-mini", entryFor("o3-mini-2025-01-31"));
    assertEquals("gpt-5", entryFor("gpt-5-2025-08-07"));
    assertEquals("gemini-2.5-flash-lite", entryFor("gemini-2.5-flash-lite-preview-06-17"));
    assertEquals("gemini-2.0-flash", entryFor("gemini-2.0-flash-001"));
  }

  @Test
  void anExactDatedEntryBeatsItsFamily() {
    assertEquals("gpt-4o-2024-05-13", entryFor("gpt-4o-2024-05-13"));
  }

  @Test
  void prefixMustEndAtASeparator() {
    assertNull(table.find("gpt-4o1"));
    assertNull(table.find("o30"));
    assertNull(table.find("gpt-4")); // only gpt-4.1 and gpt-4o are listed
    assertNull(table.find("gpt-4-turbo-2024-04-09"));
  }

  @Test
  void longestPrefixIsNotTheShortestOne() {
    PriceTable withGpt4 = table.withOverrides(
        java.util.Collections.<String, Object>singletonMap("gpt-4", price(30, 60)));
    assertEquals("gpt-4o", withGpt4.find("gpt-4o-2024-08-06").model());
    assertEquals("gpt-4", withGpt4.find("gpt-4-0613").model());
  }

  @Test
  void providerPrefixesAreStripped() {
    assertEquals("gpt-4o", entryFor("openai/gpt-4o"));
    assertEquals("gpt-4o-mini", entryFor("openai/gpt-4o-mini-2024-07-18"));
    assertEquals("gemini-2.5-flash", entryFor("models/gemini-2.5-flash"));
    assertEquals("gemini-2.5-pro", entryFor("publishers/google/models/gemini-2.5-pro"));
    assertEquals("claude-3-7-sonnet", entryFor("anthropic/claude-3.7-sonnet"));
    assertEquals("claude-sonnet-4-5", entryFor("claude-sonnet-4-5@20250929"));
  }

  @Test
  void bedrockIdsMapToTheAnthropicFamily() {
    assertEquals("claude-3-5-haiku", entryFor("anthropic.claude-3-5-haiku-20241022-v1:0"));
    assertEquals("claude-sonnet-4-5", entryFor("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
    assertEquals("claude-haiku-4-5", entryFor("global.anthropic.claude-haiku-4-5-20251001-v1:0"));
    assertEquals("claude-3-7-sonnet", entryFor("arn:aws:bedrock:us-east-1:123456789012:"
        + "inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0"));
  }

  @Test
  void lookupIgnoresCaseAndSpaces() {
    assertEquals("gpt-4o", entryFor(" GPT-4o "));
  }

  @Test
  void unknownModelsHaveNoPrice() {
    assertNull(table.find("llama3.2:latest"));
    assertNull(table.find("mistral-large-2411"));
    assertNull(table.find("amazon.nova-pro-v1:0"));
    assertNull(table.find("ft:gpt-4o-mini-2024-07-18:acme::9xYz")); // fine-tunes cost more
    assertNull(table.find(""));
    assertNull(table.find(null));
  }

  private void assertPrice(String model, double in, double cached, double write, double out) {
    Price price = table.find(model);
    assertEquals(in, price.inputPerMillion(), 1e-9, model);
    assertEquals(cached, price.cachedInputPerMillion(), 1e-9, model);
    assertEquals(write, price.cacheWritePerMillion(), 1e-9, model);
    assertEquals(out, price.outputPerMillion(), 1e-9, model);
  }

  static java.util.Map<String, Object> price(double input, double output) {
    java.util.Map<String, Object> fields = new java.util.LinkedHashMap<String, Object>();
    fields.put("input", input);
    fields.put("output", output);
    return fields;
  }
}
