package dev.checkout.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;

/**
 * The crowd of a flash sale, one virtual thread a customer: each joins the waiting room at its moment in the window
 * around the start, asking for 1 or 2 units (never above the limit), polls its ticket after half the ticket's
 * {@code eta_seconds} ({@link #pollDelay}), and once admitted either walks away from its purchase token (the
 * abandoning share) or orders with it and follows the order until it settles. What the customers saw is counted here; what was sold is audited from the orders afterwards.
 */
final class FlashSaleCrowd {

    private static final Map<String, Object> ADDRESS = Map.of("street", "1 Sale St", "city", "Rush", "zip", "10000", "country", "US");
    private static final Map<String, Object> CARD = Map.of("type", "card", "card_token", "tok_visa");

    /** The sale as the crowd knows it. */
    record Sale(String flashSaleId, Instant startsAt, int perUserLimit, Duration tokenTtl) {
    }

    /** A ticket answered SOLD_OUT, kept to measure how fast sold-out answers come once the sale is over. */
    record SoldOutTicket(String token, String ticketId) {
    }

    private final BenchApi api;
    private final Sale sale;
    final Latencies joins = new Latencies();
    final Latencies admittedToConfirmed = new Latencies();
    final LongAdder soldOutAnswers = new LongAdder();
    final LongAdder admitted = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    final LongAdder expired = new LongAdder();
    final LongAdder confirmed = new LongAdder();
    final Map<String, LongAdder> otherOutcomes = new ConcurrentHashMap<>();
    final Queue<SoldOutTicket> soldOutTickets = new ConcurrentLinkedQueue<>();

    FlashSaleCrowd(BenchApi api, Sale sale) {
        this.api = api;
        this.sale = sale;
    }

    /** Every customer joins at a uniformly random moment of {@code window} centred on the start; returns when all are done. */
    boolean run(List<BenchCustomers.Customer> customers, Duration window, double abandonShare, Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(customers.size());
        Instant windowStart = sale.startsAt().minus(window.dividedBy(2));
        for (BenchCustomers.Customer customer : customers) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Instant joinAt = windowStart.plusMillis(random.nextLong(Math.max(1, window.toMillis())));
            int quantity = 1 + random.nextInt(Math.min(2, sale.perUserLimit()));
            boolean abandons = random.nextDouble() < abandonShare;
            Thread.ofVirtual().start(() -> {
                try {
                    shop(customer, joinAt, quantity, abandons);
                } catch (RuntimeException e) {
                    count("exception " + e.getClass().getSimpleName());
                } finally {
                    done.countDown();
                }
            });
        }
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void shop(BenchCustomers.Customer customer, Instant joinAt, int quantity, boolean abandons) {
        pauseUntil(joinAt);
        String queue = "/api/v1/flash-sales/" + sale.flashSaleId() + "/queue";
        BenchApi.Answer joined = api.call("POST", queue, customer.token(), null, Map.of("quantity", quantity));
        joins.record(joined.nanos());
        if (!joined.ok()) {
            count("join answered " + joined.status());
            return;
        }
        JsonNode ticket = joined.json();
        String ticketId = ticket.path("ticket_id").asString(null);
        while (true) {
            switch (ticket.path("status").asString()) {
                case "WAITING" -> {
                    Pause.of(pollDelay(ticket.path("eta_seconds").asLong(1), ticket.path("position").asLong(1), sale.tokenTtl()));
                    BenchApi.Answer polled = api.call("GET", queue + "/" + ticketId, customer.token(), null, null);
                    if (!polled.ok()) {
                        count("poll answered " + polled.status());
                        Pause.of(Duration.ofSeconds(1));
                        continue;
                    }
                    ticket = polled.json();
                }
                case "ADMITTED" -> {
                    admitted.increment();
                    if (abandons) {
                        abandoned.increment();
                    } else {
                        buy(customer, ticket);
                    }
                    return;
                }
                case "SOLD_OUT" -> {
                    soldOutAnswers.increment();
                    if (ticketId != null) {
                        soldOutTickets.add(new SoldOutTicket(customer.token(), ticketId));
                    }
                    return;
                }
                case "EXPIRED" -> {
                    expired.increment();
                    return;
                }
                default -> {
                    count("ticket " + ticket.path("status").asString());
                    return;
                }
            }
        }
    }

    /**
     * Orders with the token and follows the order. "Admitted" is when the token's life started, its units reserved:
     * the token's expiry less its life (the server's clock).
     */
    private void buy(BenchCustomers.Customer customer, JsonNode ticket) {
        Instant admittedAt = Instant.parse(ticket.path("token_expires_at").asString()).minus(sale.tokenTtl());
        BenchApi.Answer ordered = api.call("POST", "/api/v1/flash-sales/" + sale.flashSaleId() + "/orders", customer.token(),
                UUID.randomUUID().toString(), Map.of("purchase_token", ticket.path("purchase_token").asString(),
                        "shipping_address", ADDRESS, "payment_method", CARD));
        if (ordered.status() == 409 && ordered.body().contains("token_expired")) {
            expired.increment();
            return;
        }
        if (ordered.status() != 202) {
            count("order answered " + ordered.status());
            return;
        }
        String orderId = ordered.json().path("order_id").asString();
        long pause = 250;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Pause.of(Duration.ofMillis(pause));
            pause = Math.min(1000, pause * 2);
            BenchApi.Answer status = api.call("GET", "/api/v1/orders/" + orderId + "/status", customer.token(), null, null);
            String state = status.ok() ? status.json().path("status").asString() : "PENDING";
            if ("CONFIRMED".equals(state)) {
                confirmed.increment();
                Instant at = Instant.parse(status.json().path("updated_at").asString());
                admittedToConfirmed.record(Duration.between(admittedAt, at).toNanos());
                return;
            }
            if (!"PENDING".equals(state)) {
                count("order " + state + " " + status.json().path("failure_reason").asString(""));
                return;
            }
        }
        count("order unsettled after 3 min");
    }

    /**
     * Half the wait the waiting room gave (a second at least, a minute at most), ±20% so polls do not come in waves:
     * each poll halves the distance to admission, so a customer far back polls a handful of times. Near the head of
     * the line (within {@link #NEAR_THE_HEAD}) never longer than half a token's life: the room's wait follows a pace
     * that swings while the platform is loaded, and a customer who slept through their token would never see it.
     * (Polling every few seconds whatever the wait, 50,000 customers asked about 10,000 times a second, more than two
     * cores answer: the bench measured the crowd's own backlog.)
     */
    private static Duration pollDelay(long etaSeconds, long position, Duration tokenTtl) {
        long millis = Math.clamp(etaSeconds * 500, 1000, 60_000);
        if (position <= NEAR_THE_HEAD) {
            millis = Math.min(millis, Math.max(1000, tokenTtl.toMillis() / 2));
        }
        return Duration.ofMillis((long) (millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    /** Positions from the head within which a customer polls at least twice a token's life. */
    private static final long NEAR_THE_HEAD = 2_000;

    private static void pauseUntil(Instant moment) {
        long wait = Duration.between(Instant.now(), moment).toMillis();
        if (wait > 0) {
            Pause.of(Duration.ofMillis(wait));
        }
    }

    private void count(String outcome) {
        otherOutcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    }
}
