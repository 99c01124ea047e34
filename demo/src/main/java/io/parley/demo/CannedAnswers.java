package io.parley.demo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The fake LLM's knowledge: the first keyword found in the question picks the answer. */
final class CannedAnswers {

  private static final Map<String, String> BY_KEYWORD = new LinkedHashMap<>();

  static {
    BY_KEYWORD.put(
        "delay",
        "Sorry about that. The courier reported a sorting delay at their hub, and parcels from"
            + " that hub are running about two days late this week.");
    BY_KEYWORD.put(
        "office",
        "I can't change the address once a parcel has shipped, but ParcelCo lets you redirect it"
            + " to another address from the tracking page.");
    BY_KEYWORD.put(
        "shipping",
        "No. For a faulty item the return shipping is on us: print the prepaid label from the"
            + " email we just sent and drop the parcel at any post office.");
    BY_KEYWORD.put(
        "email",
        "Please check your spam folder first. If it is not there, make sure you used the address"
            + " on your account, and I can send the link again.");
    BY_KEYWORD.put(
        "refund",
        "Of course. Headphones can be returned within 30 days. I have opened return RMA-5521 for"
            + " you, and the refund arrives 3 to 5 business days after we receive them.");
    BY_KEYWORD.put(
        "password",
        "Use 'Forgot password' on the sign-in page and enter your email address. The reset link"
            + " is valid for 30 minutes.");
    BY_KEYWORD.put(
        "order",
        "Order #1042 shipped on Monday with ParcelCo and is due on Thursday. Tracking number:"
            + " PC-88412.");
    BY_KEYWORD.put("thanks", "Glad it worked! Anything else I can help you with?");
  }

  private static final String FALLBACK =
      "I am the demo's fake assistant and only know a few answers: ask me about an order, a"
          + " refund or a password.";

  private CannedAnswers() {}

  static String answer(String question) {
    String lower = question.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> entry : BY_KEYWORD.entrySet()) {
      if (lower.contains(entry.getKey())) {
        return entry.getValue();
      }
    }
    return FALLBACK;
  }
}
