package dev.checkout.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.checkout.platform.infra.FreePorts;

/**
 * {@code ./checkout bench cart --rate R --duration D}: add-to-cart and get-cart over HTTP at a fixed rate, open loop.
 * <p>
 * Requests fall due on a fixed schedule whatever the answers do, and each latency is measured from the moment its
 * request was due, not from when it was sent: a slow answer that delays the next sends shows up as their latency too
 * (no coordinated omission). Due requests queue for a bounded pool of connections ({@code --connections}), as a
 * load balancer or a browser population would hold them. Each add puts one unit of one of a few products into one of many guest carts, round robin,
 * so no line reaches the per-item limit; each get reads one of those carts. Without {@code --url} the bench starts the
 * whole platform from the application jar in a child process on free ports and a temporary data directory.
 */
public final class CartBench implements Bench {

    private static final Pattern CART_ID = Pattern.compile("\"cart_id\"\\s*:\\s*\"(cart_[0-9a-f]+)\"");
    private static final Pattern PRODUCT_ID = Pattern.compile("\"product_id\"\\s*:\\s*\"(prod_[0-9a-f]+)\"");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final int PRODUCTS = 5;
    private static final int UNITS_PER_LINE = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String usage() {
        return "--rate 1000 --duration 30s [--warmup 10s] [--add-share 0.5] [--connections 64] [--url http://host:port --admin-email E --admin-password P]";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        BenchOptions options = new BenchOptions(arguments);
        int rate = options.integer("rate", 1000);
        Duration duration = options.duration("duration", Duration.ofSeconds(30));
        Duration warmup = options.duration("warmup", Duration.ofSeconds(10));
        double addShare = Double.parseDouble(options.text("add-share", "0.5"));
        int connections = options.integer("connections", 64);
        Platform platform = options.has("url") ? Platform.external(options) : Platform.start();
        try {
            String base = platform.url();
            String admin = login(base, platform.adminEmail(), platform.adminPassword());
            List<String> products = new ArrayList<>();
            for (int i = 0; i < PRODUCTS; i++) {
                products.add(stockedProduct(base, admin, i));
            }
            long adds = (long) Math.ceil((warmup.toSeconds() + duration.toSeconds()) * rate * addShare) + 1;
            int cartCount = (int) Math.max(50, adds / ((long) PRODUCTS * UNITS_PER_LINE) + 1);
            List<String> carts = new ArrayList<>();
            for (int i = 0; i < cartCount; i++) {
                carts.add(extract(CART_ID, send(HttpRequest.newBuilder(URI.create(base + "/api/v1/carts"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), 201)));
            }
            for (String cart : carts) { // every cart holds an item before the first get, like the carts people read
                send(addRequest(base, cart, products.get(0)), 201);
            }
            System.out.printf(Locale.ROOT, "cart bench: %d requests/s (%.0f%% add-to-cart, %.0f%% get-cart), %d s warm-up, %d s measured,"
                            + " %d connections, %d guest carts, %d products, against %s%n", rate, addShare * 100, (1 - addShare) * 100,
                    warmup.toSeconds(), duration.toSeconds(), connections, cartCount, PRODUCTS, base);
            Run warm = load(base, carts, products, rate, warmup, addShare, connections, 0);
            Run measured = load(base, carts, products, rate, duration, addShare, connections, warm.adds());
            System.out.printf(Locale.ROOT, "scheduled %d requests over %.1f s (%.0f requests/s offered); the last answer came %.1f s"
                            + " after the first was due: %.0f requests/s served%n",
                    measured.sent(), measured.seconds(), measured.sent() / measured.seconds(), measured.secondsToLastAnswer(),
                    (measured.addLatencies().count() + measured.getLatencies().count()) / measured.secondsToLastAnswer());
            System.out.println("add-to-cart  (POST /api/v1/carts/{id}/items): " + measured.addLatencies().summary()
                    + ", " + measured.addErrors() + " errors");
            System.out.println("get-cart     (GET /api/v1/carts/{id}):        " + measured.getLatencies().summary()
                    + ", " + measured.getErrors() + " errors");
            measured.errorSamples().stream().limit(5).forEach(sample -> System.out.println("  error: " + sample));
            System.out.println("latency = from when the request was due (open-loop schedule) to the complete response, so client-side queueing counts");
        } finally {
            platform.close();
        }
    }

    private record Run(long sent, long adds, double seconds, double secondsToLastAnswer, Latencies addLatencies, Latencies getLatencies, long addErrors,
                       long getErrors, List<String> errorSamples) {
    }

    /** One request, due at {@code due} (System.nanoTime). */
    private record Due(long due, HttpRequest request, boolean add) {
        static final Due END = new Due(0, null, false);
    }

    /** Schedules requests at the rate for {@code length}, waits for the last answers, and returns what it measured. */
    private Run load(String base, List<String> carts, List<String> products, int rate, Duration length, double addShare,
                     int connections, long firstAdd) throws InterruptedException {
        Latencies addLatencies = new Latencies();
        Latencies getLatencies = new Latencies();
        AtomicLong addErrors = new AtomicLong();
        AtomicLong getErrors = new AtomicLong();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
        LinkedBlockingQueue<Due> queue = new LinkedBlockingQueue<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            workers.add(Thread.ofPlatform().name("bench-connection-" + w).start(() -> {
                try {
                    for (Due next = queue.take(); next != Due.END; next = queue.take()) {
                        int expected = next.add() ? 201 : 200;
                        String error = null;
                        try {
                            HttpResponse<String> response = http.send(next.request(), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != expected) {
                                error = response.statusCode() + " " + response.body();
                            }
                        } catch (IOException e) {
                            error = e.toString();
                        }
                        (next.add() ? addLatencies : getLatencies).record(System.nanoTime() - next.due());
                        if (error != null) {
                            (next.add() ? addErrors : getErrors).incrementAndGet();
                            if (errorSamples.size() < 20) {
                                errorSamples.add(error);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = length.toSeconds() * rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long adds = firstAdd;
        long gets = 0;
        double owedAdds = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            owedAdds += addShare;
            boolean add = owedAdds >= 1;
            HttpRequest request;
            if (add) {
                owedAdds -= 1;
                // round robin over carts first, then products: one line gets at most UNITS_PER_LINE units
                String cart = carts.get((int) (adds % carts.size()));
                String product = products.get((int) ((adds / carts.size()) % products.size()));
                adds++;
                request = addRequest(base, cart, product);
            } else {
                request = HttpRequest.newBuilder(URI.create(base + "/api/v1/carts/" + carts.get((int) (gets++ % carts.size()))))
                        .timeout(Duration.ofSeconds(30)).GET().build();
            }
            queue.add(new Due(due, request, add));
        }
        long scheduledEnd = System.nanoTime();
        workers.forEach(worker -> queue.add(Due.END));
        for (Thread worker : workers) {
            worker.join();
        }
        return new Run(total, adds, (scheduledEnd - start) / 1e9, (System.nanoTime() - start) / 1e9, addLatencies, getLatencies, addErrors.get(), getErrors.get(),
                List.copyOf(errorSamples));
    }

    private static HttpRequest addRequest(String base, String cart, String product) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/carts/" + cart + "/items"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"product_id\":\"" + product + "\",\"quantity\":1}")).build();
    }

    private String login(String base, String email, String password) throws IOException, InterruptedException {
        return extract(ACCESS_TOKEN, send(json(base + "/api/v1/auth/login", null, "POST",
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"), 200));
    }

    private String stockedProduct(String base, String admin, int index) throws IOException, InterruptedException {
        String product = extract(PRODUCT_ID, send(json(base + "/api/v1/admin/products", admin, "POST",
                "{\"sku\":\"BENCH-" + UUID.randomUUID() + "\",\"name\":\"Bench product " + index + "\",\"brand\":\"Bench\","
                        + "\"category_path\":\"bench\",\"base_price\":" + (10 + index) + ".99}"), 201));
        send(json(base + "/api/v1/admin/inventory/" + product, admin, "PUT",
                "{\"warehouse_id\":\"wh_bench\",\"quantity_total\":1000000}"), 200);
        return product;
    }

    private static HttpRequest json(String url, String token, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body();
    }

    private static String extract(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return matcher.group(1);
    }

    /** The platform under load: one given by URL, or the application jar started here and stopped at the end. */
    private interface Platform extends AutoCloseable {

        String url();

        String adminEmail();

        String adminPassword();

        @Override
        void close();

        static Platform external(BenchOptions options) {
            String url = options.text("url", null).replaceAll("/+$", "");
            String email = options.text("admin-email", System.getenv().getOrDefault("CHECKOUT_ADMIN_EMAIL", "admin@localhost"));
            String password = options.text("admin-password", System.getenv("CHECKOUT_ADMIN_PASSWORD"));
            if (password == null) {
                throw new IllegalArgumentException("with --url, give --admin-password (or CHECKOUT_ADMIN_PASSWORD)");
            }
            return new Platform() {
                public String url() {
                    return url;
                }

                public String adminEmail() {
                    return email;
                }

                public String adminPassword() {
                    return password;
                }

                public void close() {
                }
            };
        }

        static Platform start() throws IOException, InterruptedException {
            Path jar = Path.of(System.getProperty("checkout.app.jar", "app/target/checkout-app.jar")).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the application jar " + jar + " is missing; build it with ./checkout build");
            }
            Path data = Files.createTempDirectory("checkout-bench-cart-");
            int port = FreePorts.next();
            String password = "bench-" + UUID.randomUUID();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms512m", "-Xmx1g", "-XX:+UseG1GC"));
            String broker = System.getProperty("checkout.kafka-broker.jar");
            if (broker != null) {
                command.add("-Dcheckout.kafka-broker.jar=" + broker);
            }
            command.addAll(List.of("-jar", jar.toString(), "run", "--port", Integer.toString(port),
                    "--gateway-port", Integer.toString(FreePorts.next()), "--data-dir", data.toString()));
            Path log = data.resolve("platform.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // Load generators send every call from one address: rate limits would measure themselves.
            builder.environment().put("CHECKOUT_RATE_LIMITS_ENABLED", "false");
            builder.environment().put("CHECKOUT_DEMO_CATALOGUE_ENABLED", "false"); // benches make the products they measure
            builder.environment().put("CHECKOUT_ADMIN_PASSWORD", password);
            System.out.println("starting the platform for the bench (log: " + log + ")…");
            Process process = builder.start();
            String url = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the platform exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    if (probe.send(HttpRequest.newBuilder(URI.create(url + "/health")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the platform was not healthy within 240 s; see " + log);
                }
                Thread.sleep(250); // polling a child process's health: nothing to wait on but time
            }
            return new Platform() {
                public String url() {
                    return url;
                }

                public String adminEmail() {
                    return System.getenv().getOrDefault("CHECKOUT_ADMIN_EMAIL", "admin@localhost");
                }

                public String adminPassword() {
                    return password;
                }

                public void close() {
                    process.destroy();
                    try {
                        if (!process.waitFor(60, TimeUnit.SECONDS)) {
                            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }
}
