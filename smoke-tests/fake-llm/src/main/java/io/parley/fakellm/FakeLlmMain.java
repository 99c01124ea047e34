package io.parley.fakellm;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeLlmProvider} in its own process until killed:
 * <pre>
 * java -jar parley-fake-llm-0.1.0-standalone.jar [port] [options]
 * java -cp parley-fake-llm-0.1.0-standalone.jar io.parley.fakellm.FakeLlmMain [port] [options]
 * </pre>
 * Prints {@code FAKE_LLM_READY <port>} on stdout once serving (port 0 or none = random). Options:
 * {@code --dated-models}, {@code --gzip}, {@code --event-delay-ms=N}, {@code --response-delay-ms=N},
 * {@code --text=...}, {@code --usage=input,output[,cachedInput[,reasoning]]}. Script it at run time through the
 * {@code /__fake/} control API (see the package docs of {@code Admin}: {@code POST /__fake/next},
 * {@code GET /__fake/requests}, ...).
 */
public final class FakeLlmMain {

    private FakeLlmMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        FakeLlmProvider provider = null;
        Runnable[] settings = new Runnable[args.length];
        FakeLlmProvider[] holder = new FakeLlmProvider[1];
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--dated-models")) {
                settings[i] = () -> holder[0].datedModels();
            } else if (a.equals("--gzip")) {
                settings[i] = () -> holder[0].gzip(true);
            } else if (a.startsWith("--event-delay-ms=")) {
                long ms = Long.parseLong(a.substring(a.indexOf('=') + 1));
                settings[i] = () -> holder[0].eventDelay(Duration.ofMillis(ms));
            } else if (a.startsWith("--response-delay-ms=")) {
                long ms = Long.parseLong(a.substring(a.indexOf('=') + 1));
                settings[i] = () -> holder[0].responseDelay(Duration.ofMillis(ms));
            } else if (a.startsWith("--text=")) {
                String text = a.substring(a.indexOf('=') + 1);
                settings[i] = () -> holder[0].reply(text);
            } else if (a.startsWith("--usage=")) {
                String[] n = a.substring(a.indexOf('=') + 1).split(",");
                long[] v = new long[4];
                for (int k = 0; k < n.length && k < 4; k++) {
                    v[k] = Long.parseLong(n[k].trim());
                }
                settings[i] = () -> holder[0].usage(v[0], v[1], v[2], v[3]);
            } else if (a.matches("\\d+")) {
                port = Integer.parseInt(a);
            } else {
                System.err.println("usage: FakeLlmMain [port] [--dated-models] [--gzip] [--event-delay-ms=N] "
                        + "[--response-delay-ms=N] [--text=...] [--usage=in,out[,cached[,reasoning]]]");
                System.exit(2);
                return;
            }
        }
        provider = new FakeLlmProvider(port);
        holder[0] = provider;
        for (Runnable r : settings) {
            if (r != null) {
                r.run();
            }
        }
        provider.start();
        FakeLlmProvider started = provider;
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "fake-llm-shutdown"));
        System.out.println("FAKE_LLM_READY " + started.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
