package io.parley.smoke.app.llmjdk;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Bedrock's Converse API through the AWS SDK for Java 2.x, built as its documentation shows, with
 * the endpoint pointed at the fake provider and static test credentials (the requests are signed
 * as usual). Retries are off so that one call is one HTTP exchange.
 */
final class BedrockCalls {

  static final String ACCESS_KEY = "AKIAPARLEYSMOKETEST1";
  static final String SECRET_KEY = "parley-smoke-secret-" + "w8Jq2ZkR9pLx4TnV7bYc";

  private BedrockCalls() {}

  static String converse(String base, String model) {
    try (BedrockRuntimeClient client =
        BedrockRuntimeClient.builder()
            .endpointOverride(URI.create(base))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .httpClientBuilder(ApacheHttpClient.builder())
            .overrideConfiguration(config -> config.retryStrategy(retry -> retry.maxAttempts(1)))
            .build()) {
      ConverseResponse response =
          client.converse(
              request ->
                  request
                      .modelId(model)
                      .messages(
                          Message.builder()
                              .role(ConversationRole.USER)
                              .content(ContentBlock.fromText("Say hello"))
                              .build()));
      return "text=" + response.output().message().content().get(0).text()
          + "\ninput=" + response.usage().inputTokens()
          + "\noutput=" + response.usage().outputTokens()
          + "\nstop=" + response.stopReasonAsString();
    }
  }
}
