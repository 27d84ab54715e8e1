package dev.checkout.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./checkout bench search --products 100000 --clients 16 --duration 20s}: search and suggestions over a seeded
 * catalogue, closed loop (each client sends its next request when the last answered), against the whole platform
 * started from the application jar. The catalogue is written to the catalog's table and the index rebuilt through
 * {@code POST /admin/search/reindex}; the time until every product is searchable is the build time. Then the same
 * queries run against the old SQL search on the same data, over JDBC from as many clients, side by side.
 */
public final class SearchBench implements Bench {

    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String usage() {
        return "--products 100000 --clients 16 --duration 20s [--warmup 40s] [--seed 42]";
    }

    private interface Call {
        void run(int client, long index) throws Exception;
    }

    /**
     * @param platformCpuNanos CPU time the operating system charged to the platform's JVM during the run: per query,
     *                         the figure that load on the machine from elsewhere does not move
     * @param benchCpuNanos    CPU time of this process (the clients, HTTP and JSON on the calling side) during the run
     */
    private record Figures(double perSecond, Latencies latencies, long errors, long platformCpuNanos, long benchCpuNanos,
                           double seconds, double idleCpuMillisPerSecond) {
        String line(String name) {
            return String.format(Locale.ROOT, "%s: %.0f queries/s, p50 %.2f ms, p99 %.2f ms", name, perSecond,
                    latencies.percentileMillis(50), latencies.percentileMillis(99));
        }

        String cpu(String name) {
            double queries = Math.max(1, latencies.count());
            // What the idle platform burns anyway (scheduled jobs, consumers' polls) is charged to the queries of the run.
            double idlePerQuery = idleCpuMillisPerSecond * seconds / queries;
            return String.format(Locale.ROOT, "%s CPU per query: platform JVM %.2f ms (%.2f ms of it the idle platform's %.0f ms/s),"
                            + " bench clients %.2f ms (load average %s)", name, platformCpuNanos / 1e6 / queries, idlePerQuery,
                    idleCpuMillisPerSecond, benchCpuNanos / 1e6 / queries, loadAverage());
        }
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        BenchOptions options = new BenchOptions(arguments);
        int products = options.integer("products", 100_000);
        int clients = options.integer("clients", 16);
        Duration duration = options.duration("duration", Duration.ofSeconds(20));
        // Steady state, as a serving instance runs for days: after 10 s the JIT was still compiling through the measured
        // window (a quarter of the platform's CPU in C2 over the run: async-profiler), and the same build measured suggest
        // at p99 24.7-33.5 ms after 10 s and 8.4 ms after 40 s.
        Duration warmup = options.duration("warmup", Duration.ofSeconds(40));
        long seed = options.integer("seed", 42);
        try (Platform platform = Platform.start(ADMIN_PASSWORD, List.of())) {
            String base = platform.baseUrl();
            long loadStarted = System.nanoTime();
            SearchCatalogue.load(platform.jdbcUrl(), products, seed);
            System.out.printf(Locale.ROOT, "search bench: %d products written in %.1f s; %d clients, %d s warm-up, %d s measured%n",
                    products, seconds(loadStarted), clients, warmup.toSeconds(), duration.toSeconds());
            String token = login(base);
            long buildStarted = System.nanoTime();
            send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/search/reindex")).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), 202);
            while (indexed(base) < products) {
                Thread.sleep(100); // polling the platform's answer, not synchronising threads of this process
            }
            System.out.printf(Locale.ROOT, "index build: %.1f s for %d products (POST /admin/search/reindex until all are found)%n",
                    seconds(buildStarted), products);

            List<SearchCatalogue.Query> queries = SearchCatalogue.queries(10_000, seed + 1);
            List<String> prefixes = SearchCatalogue.prefixes(10_000, seed + 2);
            Call search = (client, i) -> send(HttpRequest.newBuilder(URI.create(base + queries.get((int) (i % queries.size())).path())).build(), 200);
            Call suggest = (client, i) -> send(HttpRequest.newBuilder(URI.create(base + "/api/v1/search/suggest?q="
                    + prefixes.get((int) (i % prefixes.size())).replace(" ", "+"))).build(), 200);
            ProcessHandle measured = platform.process();
            measure(search, clients, warmup, measured, 0);
            double idle = idleCpuMillisPerSecond(measured);
            System.out.printf(Locale.ROOT, "idle platform: %.0f ms CPU/s (5 s without requests, after the warm-up)%n", idle);
            Figures searchFigures = measure(search, clients, duration, measured, idle);
            System.out.println(searchFigures.line("search") + " over " + products + " products (with facets, " + searchFigures.errors() + " errors)");
            System.out.println(searchFigures.cpu("search"));
            measure(suggest, clients, warmup, measured, idle);
            Figures suggestFigures = measure(suggest, clients, duration, measured, idle);
            System.out.println(suggestFigures.line("suggest") + " (" + suggestFigures.errors() + " errors)");
            System.out.println(suggestFigures.cpu("suggest"));

            Connection[] connections = new Connection[clients];
            for (int c = 0; c < clients; c++) {
                connections[c] = DriverManager.getConnection(platform.jdbcUrl(), "postgres", "postgres");
            }
            try {
                Call sql = (client, i) -> SearchCatalogue.sqlSearch(connections[client], queries.get((int) (i % queries.size())));
                measure(sql, clients, Duration.ofSeconds(Math.min(5, warmup.toSeconds())), measured, idle);
                Figures sqlFigures = measure(sql, clients, duration, measured, idle);
                System.out.println(sqlFigures.line("sql-search") + " (ILIKE with count, page and facet queries, over JDBC: no HTTP)");
                System.out.printf(Locale.ROOT, "ratio: the index serves %.1fx the queries/s of SQL search; p99 %.1fx lower%n",
                        searchFigures.perSecond() / sqlFigures.perSecond(),
                        sqlFigures.latencies().percentileMillis(99) / searchFigures.latencies().percentileMillis(99));
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    /** The platform's CPU time per second over 5 s in which nobody calls it. */
    private static double idleCpuMillisPerSecond(ProcessHandle platform) throws InterruptedException {
        long cpu = cpuNanos(platform);
        long started = System.nanoTime();
        Thread.sleep(5_000); // a measuring window, not synchronisation
        return (cpuNanos(platform) - cpu) / 1e6 / ((System.nanoTime() - started) / 1e9);
    }

    /** Runs {@code clients} closed loops for {@code length} and returns throughput and latencies. */
    private static Figures measure(Call call, int clients, Duration length, ProcessHandle platform, double idleCpuMillisPerSecond)
            throws InterruptedException {
        long platformCpu = cpuNanos(platform);
        long benchCpu = cpuNanos(ProcessHandle.current());
        Latencies latencies = new Latencies();
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("search-bench-" + c).start(() -> {
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    try {
                        call.run(client, next.getAndIncrement());
                        latencies.record(System.nanoTime() - sent);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Figures(latencies.count() / seconds, latencies, errors.get(), cpuNanos(platform) - platformCpu,
                cpuNanos(ProcessHandle.current()) - benchCpu, seconds, idleCpuMillisPerSecond);
    }

    private static long cpuNanos(ProcessHandle process) {
        return PlatformCost.cpuNanos(process);
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private long indexed(String base) throws Exception {
        Matcher total = TOTAL.matcher(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/products?limit=1")).build(), 200));
        return total.find() ? Long.parseLong(total.group(1)) : 0;
    }

    private String login(String base) throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"admin@localhost\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(), 200);
        Matcher token = TOKEN.matcher(body);
        if (!token.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return token.group(1);
    }

    private String send(HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
