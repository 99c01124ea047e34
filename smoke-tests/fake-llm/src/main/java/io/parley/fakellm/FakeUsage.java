package io.parley.fakellm;

/**
 * Token counts the fake reports. The numbers are written <em>verbatim</em> into each provider's own fields, so a
 * test can assert exactly what appeared on the wire:
 *
 * <table>
 *   <caption>Where each number goes</caption>
 *   <tr><th>API</th><th>input</th><th>output</th><th>cachedInput</th><th>reasoning</th><th>cacheCreationInput</th></tr>
 *   <tr><td>OpenAI chat</td><td>prompt_tokens</td><td>completion_tokens</td>
 *       <td>prompt_tokens_details.cached_tokens</td><td>completion_tokens_details.reasoning_tokens</td>
 *       <td>prompt_tokens_details.cache_write_tokens (only when &gt; 0)</td></tr>
 *   <tr><td>OpenAI responses</td><td>input_tokens</td><td>output_tokens</td>
 *       <td>input_tokens_details.cached_tokens</td><td>output_tokens_details.reasoning_tokens</td>
 *       <td>input_tokens_details.cache_write_tokens</td></tr>
 *   <tr><td>OpenAI embeddings</td><td>prompt_tokens (= total_tokens)</td><td>-</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>Anthropic</td><td>input_tokens</td><td>output_tokens</td><td>cache_read_input_tokens</td><td>-</td>
 *       <td>cache_creation_input_tokens</td></tr>
 *   <tr><td>Gemini</td><td>promptTokenCount</td><td>candidatesTokenCount</td>
 *       <td>cachedContentTokenCount (omitted when 0)</td><td>thoughtsTokenCount (omitted when 0)</td><td>-</td></tr>
 *   <tr><td>Ollama</td><td>prompt_eval_count</td><td>eval_count</td><td>-</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>Totals: OpenAI {@code total_tokens = input + output}; Gemini {@code totalTokenCount = input + output + reasoning}.
 * No provider's semantics are re-applied (e.g. OpenAI's prompt_tokens includes cached tokens while Anthropic's
 * input_tokens excludes them: choose the numbers the way the provider under test would report them).
 */
public record FakeUsage(long input, long output, long cachedInput, long reasoning, long cacheCreationInput) {

    /** The default: input 17, output 9, nothing cached, no reasoning. Distinct numbers make swaps visible. */
    public static final FakeUsage DEFAULT = new FakeUsage(17, 9, 0, 0, 0);

    public FakeUsage {
        if (input < 0 || output < 0 || cachedInput < 0 || reasoning < 0 || cacheCreationInput < 0) {
            throw new IllegalArgumentException("token counts must be >= 0");
        }
    }

    public static FakeUsage of(long input, long output) {
        return new FakeUsage(input, output, 0, 0, 0);
    }

    public static FakeUsage of(long input, long output, long cachedInput, long reasoning) {
        return new FakeUsage(input, output, cachedInput, reasoning, 0);
    }

    /** Same numbers with cache-write tokens set (Anthropic cache_creation_input_tokens, OpenAI cache_write_tokens). */
    public FakeUsage withCacheCreationInput(long tokens) {
        return new FakeUsage(input, output, cachedInput, reasoning, tokens);
    }

    /** {@code input + output}: OpenAI's total_tokens. */
    public long total() {
        return input + output;
    }
}
