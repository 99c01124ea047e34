package io.parley.agent.llm.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.agent.log.ParleyLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class PriceOverridesTest {

  private final List<String> lines = new ArrayList<String>();
  private final ParleyLog log = new ParleyLog(lines::add, System::nanoTime);

  /** The {@code prices:} section of a YAML config file, as the config loader hands it over. */
  @SuppressWarnings("unchecked")
  private PriceTable overridden(String... yaml) {
    StringBuilder text = new StringBuilder();
    for (String line : yaml) {
      text.append(line).append('\n');
    }
    Map<String, Object> file = (Map<String, Object>) new Yaml().load(text.toString());
    return PriceTable.builtIn().withOverrides((Map<String, Object>) file.get("prices"), log);
  }

  @Test
  void addsAModel() {
    PriceTable table = overridden("prices:",
        "  my-model: {input: 1.0, cached_input: 0.1, output: 2}");
    Price price = table.find("my-model-v2");
    assertEquals("my-model", price.model());
    assertEquals(1.0, price.inputPerMillion(), 0);
    assertEquals(0.1, price.cachedInputPerMillion(), 0);
    assertEquals(1.0, price.cacheWritePerMillion(), 0);
    assertEquals(2.0, price.outputPerMillion(), 0);
    assertTrue(lines.isEmpty(), lines.toString());
    assertEquals("2025-11-25", table.takenDate());
  }

  @Test
  void replacesABuiltInModelWhole() {
    PriceTable table = overridden("prices:", "  gpt-4o: {input: 5, output: 15}");
    Price price = table.find("gpt-4o-2024-08-06");
    assertEquals(5.0, price.inputPerMillion(), 0);
    assertEquals(5.0, price.cachedInputPerMillion(), 0, "no cached price given: none inherited");
    assertEquals(15.0, price.outputPerMillion(), 0);
    assertEquals(2.5, PriceTable.builtIn().find("gpt-4o").inputPerMillion(), 0, "immutable");
  }

  @Test
  void modelNamesWithDotsAndCapitalsAndNumbersAsText() {
    PriceTable table = overridden("prices:",
        "  My.Model-1.5: {input: '0.5', output: \"1.5\", cache_write: 0.625}");
    Price price = table.find("my.model-1.5");
    assertEquals(0.5, price.inputPerMillion(), 0);
    assertEquals(0.625, price.cacheWritePerMillion(), 0);
    assertTrue(lines.isEmpty(), lines.toString());
  }

  @Test
  void badEntriesAreLoggedByModelAndFieldAndSkipped() {
    PriceTable table = overridden("prices:",
        "  good-model: {input: 1, output: 2}",
        "  text-price: {input: cheap, output: 2}",
        "  negative: {input: 1, output: -2}",
        "  missing-output: {input: 1}",
        "  typo-field: {input: 1, ouput: 2}",
        "  not-a-map: 3",
        "  empty-entry:",
        "  nan-price: {input: .nan, output: 1}",
        "  gpt-4o: {input: [1, 2], output: 3}");
    assertEquals(1.0, table.find("good-model").inputPerMillion(), 0);
    for (String skipped : new String[] {"text-price", "negative", "missing-output", "typo-field",
        "not-a-map", "empty-entry", "nan-price"}) {
      assertNull(table.find(skipped), skipped);
    }
    assertEquals(2.5, table.find("gpt-4o").inputPerMillion(), 0, "a bad override keeps built-in");
    assertEquals(8, lines.size(), lines.toString());
    assertLine(0, "text-price", "'input'", "'cheap'");
    assertLine(1, "negative", "'output'");
    assertLine(2, "missing-output", "'output' is missing");
    assertLine(3, "typo-field", "unknown field 'ouput'");
    assertLine(4, "not-a-map", "expected the fields");
    assertLine(5, "empty-entry", "expected the fields");
    assertLine(6, "nan-price", "'input'");
    assertLine(7, "gpt-4o", "'input'", "nested list");
  }

  @Test
  void emptyOrMissingSectionKeepsTheTable() {
    PriceTable builtIn = PriceTable.builtIn();
    assertSame(builtIn, builtIn.withOverrides(null, log));
    assertSame(builtIn, builtIn.withOverrides(Collections.<String, Object>emptyMap(), log));
  }

  @Test
  void sectionFromTheConfigLoaderShape() {
    Map<String, Object> fields = new LinkedHashMap<String, Object>();
    fields.put("input", 3);
    fields.put("output", 4L);
    fields.put("cached_input", null);
    PriceTable table = PriceTable.builtIn()
        .withOverrides(Collections.<String, Object>singletonMap("gpt-4.1", fields), log);
    assertEquals(3.0, table.find("gpt-4.1-2025-04-14").inputPerMillion(), 0);
    assertTrue(lines.isEmpty(), lines.toString());
  }

  private void assertLine(int index, String... parts) {
    String line = lines.get(index);
    assertTrue(line.startsWith("[parley] ERROR "), line);
    for (String part : parts) {
      assertTrue(line.contains(part), part + " not in: " + line);
    }
  }
}
