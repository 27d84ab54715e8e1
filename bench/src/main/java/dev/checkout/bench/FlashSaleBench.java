package dev.checkout.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./checkout bench flash-sale}: one flash sale of {@code --units} (10,000) units, at most {@code --limit} (2) a
 * customer, and {@code --customers} (50,000) customers who join its waiting room at random moments of the
 * {@code --window} (10 s) centred on the start, poll, and buy 1 or 2 units when admitted; {@code --abandon} (5%) walk
 * away from their purchase token, whose life the bench sets short ({@code --token-ttl}, 10 s) so those units are sold
 * again within the run. The platform runs as {@code ./checkout run} starts it, rate limits off. Customers are made
 * before the measured window the development-only way ({@link BenchCustomers}). The clients (virtual threads, at most
 * {@code --in-flight} requests at once) retry a 503 {@code overloaded} after its Retry-After and count it.
 * <p>
 * Before it, the same crowd's first tenth buys out a warm-up sale of a tenth of the units on a product of its own (the
 * line {@code warm-up sale: ...}): a shop's platform has been running for hours when its sale starts, and a freshly
 * started JVM spent the measured sale's first half minute compiling the very paths the crowd takes (orders placed and
 * not one confirmed for 20 s, both cores busy). {@code --warm-up-customers 0} measures the sale on a cold platform.
 * <p>
 * Then the orders are audited through the admin API (units sold, customers over the limit, when the last unit was
 * confirmed), and the rate of sold-out answers is measured against {@code GET /health}'s, both in closed loops of the
 * same clients on the same platform. Prints one line of figures and one of server errors.
 */
public final class FlashSaleBench implements Bench {

    private static final String ADMIN_PASSWORD = "bench-admin-password";

    @Override
    public String usage() {
        return "[--customers 50000] [--units 10000] [--limit 2] [--window 10s] [--token-ttl 10s] [--abandon 0.05] [--in-flight 128]"
                + " [--warm-up-customers customers/10]:"
                + " a flash sale's crowd, units sold exactly, sell-out time, sold-out answers/s against /health";
    }

    @Override
    public void run(List<String> arguments) throws Exception {
        BenchOptions options = new BenchOptions(arguments);
        int customerCount = options.integer("customers", 50_000);
        int units = options.integer("units", 10_000);
        int limit = options.integer("limit", 2);
        Duration window = options.duration("window", Duration.ofSeconds(10));
        Duration tokenTtl = options.duration("token-ttl", Duration.ofSeconds(10));
        double abandon = Double.parseDouble(options.text("abandon", "0.05"));
        System.out.println("starting the platform (all services in one process, embedded servers, rate limits off)…");
        try (Platform platform = Platform.start(ADMIN_PASSWORD, List.of("--checkout.rate-limits.enabled=false",
                "--checkout.flash-sale.token-ttl=" + tokenTtl))) {
            BenchApi api = new BenchApi(platform.baseUrl(), options.integer("in-flight", 128));
            String admin = api.require("POST", "/api/v1/auth/login", null, Map.of("email", "admin@localhost", "password", ADMIN_PASSWORD))
                    .path("access_token").asString();
            long madeFrom = System.nanoTime();
            List<BenchCustomers.Customer> customers = BenchCustomers.create(platform.jdbcUrl(), platform.dataDirectory(), customerCount,
                    Duration.ofHours(1));
            System.out.printf("made %d customers in %.1f s (rows in identity.users, tokens signed with the data directory's identity key)%n",
                    customers.size(), (System.nanoTime() - madeFrom) / 1e9);
            warmUp(api, customers.getFirst());
            int warmUpCustomers = Math.min(customerCount, options.integer("warm-up-customers", customerCount / 10));
            if (warmUpCustomers > 0) {
                int warmUpUnits = Math.max(1, units / 10);
                long warmUpFrom = System.nanoTime();
                Sale warmUp = startSale(api, admin, warmUpUnits, limit, window);
                FlashSaleCrowd warmUpCrowd = new FlashSaleCrowd(api, new FlashSaleCrowd.Sale(warmUp.saleId(), warmUp.startsAt(), limit, tokenTtl));
                boolean warmUpDone = warmUpCrowd.run(customers.subList(0, warmUpCustomers), window, abandon, Duration.ofMinutes(5));
                FlashSaleAudit.Result warmUpAudit = FlashSaleAudit.of(api, admin, warmUp.productId(), limit);
                System.out.printf("warm-up sale: %d customers, %d of %d units sold (sold out after %s s), %d confirmed, %d tokens expired%s,"
                                + " 5xx answers %d (503 overloaded, retried: %d); %.0f s in all%n",
                        warmUpCustomers, warmUpAudit.sold(), warmUpUnits, soldOutAfter(warmUpAudit, warmUpUnits, warmUp.startsAt()),
                        warmUpCrowd.confirmed.sum(), warmUpCrowd.expired.sum(), warmUpDone ? "" : " (some still going after 5 min)",
                        api.serverErrors.sum(), api.overloaded.sum(), (System.nanoTime() - warmUpFrom) / 1e9);
            }

            long serverErrorsBefore = api.serverErrors.sum();
            long overloadedBefore = api.overloaded.sum();
            long unansweredBefore = api.unanswered.sum();
            Sale sale = startSale(api, admin, units, limit, window);
            String saleId = sale.saleId();
            String productId = sale.productId();
            Instant startsAt = sale.startsAt();
            System.out.printf("flash sale %s: %d units, limit %d, starts %s; %d customers join in the %d s around the start…%n",
                    saleId, units, limit, startsAt, customerCount, window.toSeconds());
            FlashSaleCrowd crowd = new FlashSaleCrowd(api, new FlashSaleCrowd.Sale(saleId, startsAt, limit, tokenTtl));
            boolean allDone = crowd.run(customers, window, abandon, Duration.ofMinutes(10));

            FlashSaleAudit.Result audit = FlashSaleAudit.of(api, admin, productId, limit);
            double soldOutRate = 0;
            double healthRate = 0;
            for (int round = 0; round < 2; round++) {
                healthRate += rate(api, Duration.ofSeconds(5), () -> api.once("GET", "/health", null, null, null).status() == 200);
                soldOutRate += rate(api, Duration.ofSeconds(5), soldOutAsk(api, crowd, customers, saleId));
            }
            System.out.printf("customers: %d admitted, %d abandoned their token, %d saw their token expire, %d confirmed, %d answered SOLD_OUT%s; other outcomes %s%n",
                    crowd.admitted.sum(), crowd.abandoned.sum(), crowd.expired.sum(), crowd.confirmed.sum(), crowd.soldOutAnswers.sum(),
                    allDone ? "" : " (some still going after 10 min)", crowd.otherOutcomes);
            System.out.printf("queue-join %s (from the customer's moment, the wait for one of the --in-flight client connections"
                    + " included; once sent, answered in %s); admitted→CONFIRMED %s%n", crowd.joins.summary(), crowd.joinAnswers.summary(),
                    crowd.admittedToConfirmed.summary());
            String soldOutAfter = soldOutAfter(audit, units, startsAt);
            System.out.printf("flash sale: %d units sold of %d, oversold %d, limit breaches %d, sold out after %s s, sold-out answers %.0f/s"
                            + " (health %.0f/s), p99 queue-join %.0f ms, p99 admitted→CONFIRMED %.0f ms%n",
                    audit.sold(), units, Math.max(0, audit.sold() - units), audit.overLimit(), soldOutAfter, soldOutRate / 2, healthRate / 2,
                    crowd.joins.percentileMillis(99), crowd.admittedToConfirmed.percentileMillis(99));
            System.out.printf("5xx answers: %d (503 overloaded, retried: %d; no answer: %d; orders still pending at the audit: %d)%n",
                    api.serverErrors.sum() - serverErrorsBefore, api.overloaded.sum() - overloadedBefore, api.unanswered.sum() - unansweredBefore,
                    audit.pending());
        }
    }

    private record Sale(String productId, String saleId, Instant startsAt) {
    }

    /** A product with {@code units} in stock and a sale of them starting once the crowd's window is half over. */
    private static Sale startSale(BenchApi api, String admin, int units, int limit, Duration window) {
        String productId = api.require("POST", "/api/v1/admin/products", admin, Map.of("sku", "FLASH-" + UUID.randomUUID(),
                "name", "Flash sale item", "base_price", new BigDecimal("99.00"))).path("product_id").asString();
        api.require("PUT", "/api/v1/admin/inventory/" + productId, admin, Map.of("warehouse_id", "wh_main", "quantity_total", units));
        Instant startsAt = Instant.now().plus(window.dividedBy(2)).plusSeconds(3);
        String saleId = api.require("POST", "/api/v1/admin/flash-sales", admin, Map.of("product_id", productId, "quantity", units,
                "sale_price", new BigDecimal("9.99"), "starts_at", startsAt.toString(), "ends_at", startsAt.plus(Duration.ofMinutes(20)).toString(),
                "per_user_limit", limit)).path("flash_sale_id").asString();
        return new Sale(productId, saleId, startsAt);
    }

    private static String soldOutAfter(FlashSaleAudit.Result audit, int units, Instant startsAt) {
        return audit.sold() >= units && audit.lastConfirmedAt() != null
                ? String.format("%.1f", Duration.between(startsAt, audit.lastConfirmedAt()).toMillis() / 1000.0) : "never (not sold out)";
    }

    /** A few hundred calls of the kinds the crowd makes, so the first measured ones do not pay for class loading and JIT. */
    private static void warmUp(BenchApi api, BenchCustomers.Customer customer) {
        for (int i = 0; i < 300; i++) {
            api.once("GET", "/health", null, null, null);
            api.once("GET", "/api/v1/orders?limit=1", customer.token(), null, null);
        }
    }

    /** One sold-out answer: a waiting ticket's poll when the crowd kept some, else a customer's join; true if SOLD_OUT. */
    private static Ask soldOutAsk(BenchApi api, FlashSaleCrowd crowd, List<BenchCustomers.Customer> customers, String saleId) {
        List<FlashSaleCrowd.SoldOutTicket> tickets = new ArrayList<>(crowd.soldOutTickets);
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            BenchApi.Answer answer;
            if (!tickets.isEmpty()) {
                FlashSaleCrowd.SoldOutTicket ticket = tickets.get(random.nextInt(tickets.size()));
                answer = api.once("GET", "/api/v1/flash-sales/" + saleId + "/queue/" + ticket.ticketId(), ticket.token(), null, null);
            } else {
                answer = api.once("POST", "/api/v1/flash-sales/" + saleId + "/queue", customers.get(random.nextInt(customers.size())).token(),
                        null, Map.of("quantity", 1));
            }
            return answer.ok() && answer.body().contains("\"SOLD_OUT\"");
        };
    }

    private interface Ask {
        boolean answeredAsWanted();
    }

    /** Answers a second from 32 clients asking back to back for {@code duration}; only the wanted answers count. */
    private static double rate(BenchApi api, Duration duration, Ask ask) throws InterruptedException {
        LongAdder wanted = new LongAdder();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (ask.answeredAsWanted()) {
                        wanted.increment();
                    }
                }
            }));
        }
        for (Thread client : clients) {
            client.join();
        }
        return wanted.sum() / ((System.nanoTime() - started) / 1e9);
    }
}
