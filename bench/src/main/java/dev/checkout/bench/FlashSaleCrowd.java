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

    /** The crowd's time is up: customers still going stop at their next step. */
    private volatile boolean over;

    /** A ticket answered SOLD_OUT, kept to measure how fast sold-out answers come once the sale is over. */
    record SoldOutTicket(String token, String ticketId) {
    }

    private final BenchApi api;
    private final Sale sale;
    /** From the moment the customer meant to join to the answer: what the customer waited, the crowd's queue included. */
    final Latencies joins = new Latencies();
    /** From the join's request going out (a client connection free) to its answer: the platform's share. */
    final Latencies joinAnswers = new Latencies();
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
        boolean allDone = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        // Customers still going stop at their next step: else they keep asking while the audit and the rates are
        // measured, and both queue behind them (the audit took minutes and counted a sale still selling).
        over = true;
        return allDone;
    }

    private void shop(BenchCustomers.Customer customer, Instant joinAt, int quantity, boolean abandons) {
        pauseUntil(joinAt);
        String queue = "/api/v1/flash-sales/" + sale.flashSaleId() + "/queue";
        BenchApi.Answer joined = api.call("POST", queue, customer.token(), null, Map.of("quantity", quantity));
        // Timed from the customer's moment, not from the request's going out: at most --in-flight requests go out at
        // once, and 50,000 joins meant for a 10-s window reached the platform over some 100 s (its profile) while each,
        // once sent, was answered within 0.94 s; timed from the sending, the queue-join p99 read 562 ms.
        joins.record(Math.max(0, Duration.between(joinAt, Instant.now()).toNanos()));
        joinAnswers.record(joined.nanos());
        if (!joined.ok()) {
            count("join answered " + joined.status());
            return;
        }
        JsonNode ticket = joined.json();
        String ticketId = ticket.path("ticket_id").asString(null);
        while (true) {
            if (over) {
                count("still in the waiting room when the crowd's time was up");
                return;
            }
            switch (ticket.path("status").asString()) {
                case "WAITING" -> {
                    Pause.of(pollDelay(ticket.path("eta_seconds").asLong(1)));
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
     * Orders with the token and follows the order. "Admitted" is when the token's life started, the customer's first
     * look at it: the token's expiry less its life (the server's clock).
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
            if (over) {
                count("order still followed when the crowd's time was up");
                return;
            }
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
     * each poll halves the distance to admission, so a customer far back polls a handful of times. A minute between
     * polls loses nothing: an admitted customer's token lives its whole life from their first look at it, which may
     * come as late as the sale's notice window (2 min by default). (Polling every few seconds whatever the wait, 50,000
     * customers asked about 10,000 times a second, more than two cores answer; those near the head polling every half
     * token life, 2,000 of them 400 times a second, took CPU the orders needed. Five minutes at most was worse: the
     * room's wait grows while the sale is slow, customers slept through their admission, and admission, paced by the
     * checkout's door alone, held the units for them: 4,549 unseen holds and 378 orders five minutes in.)
     */
    private static Duration pollDelay(long etaSeconds) {
        long millis = Math.clamp(etaSeconds * 500, 1000, 60_000);
        return Duration.ofMillis((long) (millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

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
