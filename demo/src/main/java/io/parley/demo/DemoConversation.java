package io.parley.demo;

import java.util.List;
import java.util.Map;

/**
 * The scripted conversation: three customers of an online shop, each telling the service who
 * they are in a different way the agent understands, talking at the same time.
 */
final class DemoConversation {

  /** A customer and the headers their client sends with every message. */
  record Customer(String name, String sessionVia, Map<String, String> headers) {}

  /** One message of one customer; {@code stream} makes the service stream the LLM's answer. */
  record Message(Customer from, String text, boolean stream) {}

  static final Customer ALICE =
      new Customer(
          "alice",
          "X-Session-Id and X-User-Id headers",
          Map.of("X-Session-Id", "alice-support-1", "X-User-Id", "alice@example.com"));

  static final Customer BOB =
      new Customer(
          "bob",
          "a session_id cookie (recorded hashed) and an X-User-Id header",
          Map.of("Cookie", "session_id=7Hq2xK9bWm4TzL0p", "X-User-Id", "bob@example.com"));

  static final Customer CAROL =
      new Customer(
          "carol",
          "W3C baggage: session.id and user.id",
          Map.of("baggage", "session.id=carol-web-3,user.id=carol@example.com"));

  static final List<Customer> CUSTOMERS = List.of(ALICE, BOB, CAROL);

  static final List<Message> MESSAGES =
      List.of(
          new Message(ALICE, "Hi! Where is my order #1042?", false),
          new Message(BOB, "I'd like a refund for the headphones I bought last week.", false),
          new Message(CAROL, "How do I reset my password?", false),
          new Message(ALICE, "It was supposed to arrive on Tuesday, why the delay?", false),
          new Message(BOB, "They stopped working after two days. Do I pay for shipping?", true),
          new Message(CAROL, "I never got the reset email.", false),
          new Message(ALICE, "Can you send it to my office instead?", false),
          new Message(CAROL, "Found it in my spam folder, thanks!", false));

  private DemoConversation() {}
}
