package io.parley.agent;

import io.parley.agent.config.ParleyConfig;
import io.parley.agent.config.ParleyKeys;
import io.parley.agent.session.IdentitySettings;

/** Builds the settings of each agent part from the resolved configuration. */
final class ParleySettings {

  private ParleySettings() {}

  static IdentitySettings identity(ParleyConfig config) {
    return IdentitySettings.builder()
        .sessionHeaders(config.get(ParleyKeys.SESSION_HEADERS))
        .sessionBaggageKeys(config.get(ParleyKeys.SESSION_BAGGAGE_KEYS))
        .sessionCookieNames(config.get(ParleyKeys.SESSION_COOKIES))
        .deriveFromUser("user".equals(config.get(ParleyKeys.SESSION_DERIVE)))
        .sessionTimeout(config.get(ParleyKeys.SESSION_TIMEOUT))
        .maxDerivedSessions(config.get(ParleyKeys.SESSION_MAX))
        .userHeaders(config.get(ParleyKeys.USER_HEADERS))
        .userBaggageKeys(config.get(ParleyKeys.USER_BAGGAGE_KEYS))
        .usePrincipal(config.get(ParleyKeys.USER_PRINCIPAL))
        .hashUsers(!"none".equals(config.get(ParleyKeys.USER_HASH)))
        .hashKey(config.get(ParleyKeys.USER_HASH_KEY))
        .conversationHeader(config.get(ParleyKeys.CONVERSATION_HEADER))
        .turnHeader(config.get(ParleyKeys.TURN_HEADER))
        .build();
  }
}
