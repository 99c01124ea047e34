package io.parley.agent.session;

/** Why a session, user or conversation id was refused. */
public enum IdRejection {
  EMPTY("empty"),
  TOO_LONG("longer than " + IdValidator.MAX_LENGTH + " characters"),
  NOT_PRINTABLE_ASCII("contains a character outside printable US-ASCII (0x21-0x7E)");

  private final String text;

  IdRejection(String text) {
    this.text = text;
  }

  /** A human reason for log lines; never contains the rejected value. */
  public String text() {
    return text;
  }
}
