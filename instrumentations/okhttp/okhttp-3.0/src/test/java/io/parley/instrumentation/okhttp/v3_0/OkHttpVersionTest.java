package io.parley.instrumentation.okhttp.v3_0;

import static org.junit.jupiter.api.Assertions.assertTrue;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Each test run really uses the OkHttp major version it is meant to (3, 4 or 5). */
class OkHttpVersionTest {

  @Test
  void theExpectedOkHttpIsOnTheClassPath() {
    String major = System.getProperty("parley.test.okhttpMajor", "4");
    String jar =
        OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    String expected = major.equals("5") ? "okhttp-jvm-5." : "okhttp-" + major + ".";
    assertTrue(jar.contains(expected), jar + " should contain " + expected);
  }
}
