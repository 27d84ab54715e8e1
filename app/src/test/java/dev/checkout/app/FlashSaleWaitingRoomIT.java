package dev.checkout.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.ApiResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A flash sale through its waiting room, end to end: customers queue before the start, are admitted as many as there
 * are units, buy with their purchase tokens through the checkout saga, and everyone else is told SOLD_OUT; a lapsed
 * token's unit goes to the next customer in line. The end-to-end profile gives tokens a life of a few seconds.
 */
class FlashSaleWaitingRoomIT extends EndToEndTest {

    private static final String QUEUE = "/api/v1/flash-sales/%s/queue";
    /** The end-to-end profile's {@code checkout.flash-sale.token-ttl} and {@code max-reserving}. */
    private static final Duration TOKEN_LIFE = Duration.ofSeconds(10);
    private static final int MAX_RESERVING = 4;

    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    JdbcClient jdbc;

    @Test
    void thirtyCustomersQueueForTenUnitsAndExactlyTenBuyWhileTheOthersAreToldSoldOut() throws Exception {
        String product = fixtures.productWithStock("50.00", 10);
        List<ApiClient> customers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            customers.add(fixtures.newCustomer());
        }
        String sale = saleOf(product, 10, 1, Instant.now().plusSeconds(4));
        ApiResponse scheduled = api.get("/api/v1/flash-sales/" + sale);
        assertThat(scheduled.text("/status")).isEqualTo("SCHEDULED");
        assertThat(scheduled.json().path("remaining").asInt()).isEqualTo(10);

        Map<ApiClient, String> tickets = new LinkedHashMap<>(); // in join order
        for (ApiClient customer : customers) {
            ApiResponse joined = customer.post(QUEUE.formatted(sale), Map.of("quantity", 1));
            assertThat(joined.status()).as(joined.toString()).isEqualTo(202);
            assertThat(joined.text("/status")).isEqualTo("WAITING");
            tickets.put(customer, joined.text("/ticket_id"));
        }
        ApiClient first = customers.getFirst();
        ApiResponse again = first.post(QUEUE.formatted(sale), Map.of("quantity", 1));
        assertThat(again.text("/ticket_id")).as("a second join returns the first ticket").isEqualTo(tickets.get(first));
        ApiResponse tooMany = first.post(QUEUE.formatted(sale), Map.of("quantity", 2));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.code()).isEqualTo("quantity_limit_exceeded");

        Map<ApiClient, ApiResponse> admitted = awaitAdmitted(sale, tickets, 10);
        assertThat(admitted).hasSize(10);
        List<ApiClient> firstTenToJoin = customers.subList(0, 10);
        assertThat(Set.copyOf(admitted.keySet())).as("admitted in a shuffled order, not by join time (a 1 in 30 million chance to fail)")
                .isNotEqualTo(Set.copyOf(firstTenToJoin));
        assertThat(api.get("/api/v1/flash-sales/" + sale).text("/status")).isEqualTo("LIVE");

        ApiClient someoneElse = customers.stream().filter(c -> !admitted.containsKey(c)).findFirst().orElseThrow();
        String someToken = admitted.values().iterator().next().text("/purchase_token");
        ApiResponse stolen = someoneElse.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/flash-sales/" + sale + "/orders", order(someToken));
        assertThat(stolen.status()).as(stolen.toString()).isEqualTo(403);

        List<String> orderIds = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(5)) {
            List<Future<ApiResponse>> placed = new ArrayList<>();
            admitted.forEach((customer, ticket) -> placed.add(threads.submit(() -> customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/v1/flash-sales/" + sale + "/orders", order(ticket.text("/purchase_token"))))));
            for (Future<ApiResponse> response : placed) {
                assertThat(response.get().status()).as(response.get().toString()).isEqualTo(202);
                assertThat(response.get().text("/status")).isEqualTo("PENDING");
                orderIds.add(response.get().text("/order_id"));
            }
        }
        for (String orderId : orderIds) {
            ApiResponse settled = Fixtures.awaitSettled(fixtures.admin(), orderId);
            assertThat(settled.text("/status")).isEqualTo("CONFIRMED");
            assertThat(settled.json().path("items").get(0).path("unit_price").decimalValue()).isEqualByComparingTo("9.99");
        }

        List<ApiClient> theRest = customers.stream().filter(c -> !admitted.containsKey(c)).toList();
        Awaitility.await("the rest told sold out").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> theRest.stream().allMatch(c -> "SOLD_OUT".equals(poll(c, sale, tickets.get(c)).text("/status"))));
        ApiResponse late = fixtures.newCustomer().post(QUEUE.formatted(sale), Map.of("quantity", 1));
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.text("/status")).isEqualTo("SOLD_OUT");
        admitted.forEach((customer, ticket) -> assertThat(poll(customer, sale, tickets.get(customer)).text("/status")).isEqualTo("USED"));
        ApiResponse soldOut = api.get("/api/v1/flash-sales/" + sale);
        assertThat(soldOut.text("/status")).isEqualTo("SOLD_OUT");
        assertThat(soldOut.json().path("remaining").asInt()).isZero();
        assertThat(fixtures.available(product)).isZero();
        assertThat(fixtures.reserved(product)).isZero();
    }

    @Test
    void aSaleOfMoreUnitsThanItsProductHasSellsWhatThereIsThenTellsTheLineItIsSoldOut() {
        String product = fixtures.productWithStock("15.00", 2);
        Map<ApiClient, String> tickets = new LinkedHashMap<>();
        String sale = saleOf(product, 5, 1, Instant.now().plusSeconds(1));
        for (int i = 0; i < 4; i++) {
            ApiClient customer = fixtures.newCustomer();
            tickets.put(customer, customer.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id"));
        }

        Map<ApiClient, ApiResponse> admitted = awaitAdmitted(sale, tickets, 2);
        admitted.forEach((customer, ticket) -> {
            ApiResponse bought = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/v1/flash-sales/" + sale + "/orders", order(ticket.text("/purchase_token")));
            assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
            assertThat(Fixtures.awaitSettled(fixtures.admin(), bought.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
        });

        List<ApiClient> theRest = tickets.keySet().stream().filter(c -> !admitted.containsKey(c)).toList();
        Awaitility.await("the rest told sold out").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> theRest.stream().allMatch(c -> "SOLD_OUT".equals(poll(c, sale, tickets.get(c)).text("/status"))));
        ApiResponse soldOut = api.get("/api/v1/flash-sales/" + sale);
        assertThat(soldOut.text("/status")).isEqualTo("SOLD_OUT");
        assertThat(soldOut.json().path("remaining").asInt()).isZero();
        assertThat(fixtures.available(product)).isZero();
        assertThat(fixtures.reserved(product)).isZero();
    }

    @Test
    void theSalesLastUnitGoesToTheCustomerAtTheHeadOfTheLineThoughTheyAskedForTwo() {
        String product = fixtures.productWithStock("20.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String sale = saleOf(product, 1, 2, Instant.now().plusSeconds(1));
        ApiResponse joined = customer.post(QUEUE.formatted(sale), Map.of("quantity", 2));
        assertThat(joined.json().path("quantity").asInt()).isEqualTo(2);

        ApiResponse admitted = awaitAdmitted(sale, Map.of(customer, joined.text("/ticket_id")), 1).get(customer);
        assertThat(admitted.json().path("quantity").asInt()).as("admitted for the one unit there is").isOne();
        ApiResponse bought = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/flash-sales/" + sale + "/orders", order(admitted.text("/purchase_token")));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        ApiResponse settled = Fixtures.awaitSettled(fixtures.admin(), bought.text("/order_id"));
        assertThat(settled.text("/status")).isEqualTo("CONFIRMED");
        assertThat(settled.json().path("items").get(0).path("quantity").asInt()).isOne();
        Awaitility.await("the sale sold out").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> "SOLD_OUT".equals(api.get("/api/v1/flash-sales/" + sale).text("/status")));
        assertThat(fixtures.available(product)).isEqualTo(4);
    }

    @Test
    void aLapsedTokensUnitGoesToTheNextCustomerInLine() {
        String product = fixtures.productWithStock("20.00", 5);
        ApiClient one = fixtures.newCustomer();
        ApiClient other = fixtures.newCustomer();
        String sale = saleOf(product, 1, 1, Instant.now().plusSeconds(1));
        Map<ApiClient, String> tickets = new HashMap<>();
        tickets.put(one, one.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id"));
        tickets.put(other, other.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id"));

        Map<ApiClient, ApiResponse> firstIn = awaitAdmitted(sale, tickets, 1);
        ApiClient idle = firstIn.keySet().iterator().next();
        ApiClient next = idle == one ? other : one;
        String lapsedToken = firstIn.get(idle).text("/purchase_token");

        ApiResponse nextAdmitted = Awaitility.await("the next customer admitted").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> poll(next, sale, tickets.get(next)), r -> "ADMITTED".equals(r.text("/status")));
        assertThat(poll(idle, sale, tickets.get(idle)).text("/status")).isEqualTo("EXPIRED");
        ApiResponse late = idle.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/flash-sales/" + sale + "/orders", order(lapsedToken));
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("token_expired");

        ApiClient buyer = next.withHeader("Idempotency-Key", UUID.randomUUID().toString());
        ApiResponse bought = buyer.post("/api/v1/flash-sales/" + sale + "/orders", order(nextAdmitted.text("/purchase_token")));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        ApiResponse replayed = buyer.post("/api/v1/flash-sales/" + sale + "/orders", order(nextAdmitted.text("/purchase_token")));
        assertThat(replayed.text("/order_id")).isEqualTo(bought.text("/order_id"));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(Fixtures.awaitSettled(next, bought.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
        assertThat(fixtures.available(product)).as("one unit sold of five in stock").isEqualTo(4);
    }

    @Test
    void aTokenLivesItsWholeLifeFromTheCustomersFirstLookSoACustomerWhoPollsSeldomStillGetsToBuy() {
        String product = fixtures.productWithStock("20.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String sale = saleOf(product, 1, 1, Instant.now().plusSeconds(1));
        String ticket = customer.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id");
        Awaitility.await("admitted, the units reserved").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> holdsOf(sale, "RESERVED"), held -> held == 1);

        Awaitility.await("the units still held for a customer who has not looked, for longer than a token lives")
                .during(TOKEN_LIFE.plusSeconds(2)).atMost(TOKEN_LIFE.plusSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> holdsOf(sale, "RESERVED"), held -> held == 1);
        ApiResponse firstLook = poll(customer, sale, ticket);
        assertThat(firstLook.text("/status")).isEqualTo("ADMITTED");
        Duration left = Duration.between(Instant.now(), Instant.parse(firstLook.text("/token_expires_at")));
        assertThat(left).as("the token's life starts at the first look").isGreaterThan(TOKEN_LIFE.minusSeconds(2));
        Instant secondLooksExpiry = Instant.parse(poll(customer, sale, ticket).text("/token_expires_at"));
        assertThat(Duration.between(Instant.parse(firstLook.text("/token_expires_at")), secondLooksExpiry).abs())
                .as("a second look changes nothing").isLessThan(Duration.ofMillis(1));

        ApiResponse bought = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/flash-sales/" + sale + "/orders", order(firstLook.text("/purchase_token")));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        assertThat(Fixtures.awaitSettled(customer, bought.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aCustomerWhoseUnitsTakeLongerToReserveThanATokenLivesWaitsNextInLineThenGetsATokenWithItsWholeLife() {
        String product = fixtures.productWithStock("20.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String sale;
        String ticket;
        MessageListenerContainer inventory = pausedInventoryCommands();
        try {
            sale = saleOf(product, 1, 1, Instant.now().plusSeconds(1));
            ticket = customer.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id");
            Awaitility.await("admitted, the hold waiting for inventory").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> holdsOf(sale, "RESERVING"), held -> held == 1);
            Awaitility.await("still waiting, next in line, for longer than a token lives").during(TOKEN_LIFE.plusSeconds(2))
                    .atMost(TOKEN_LIFE.plusSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> poll(customer, sale, ticket), polled -> "WAITING".equals(polled.text("/status"))
                            && polled.json().path("position").asLong() == 1);
        } finally {
            inventory.resume();
        }
        ApiResponse admitted = Awaitility.await("admitted once inventory answers").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> poll(customer, sale, ticket), r -> "ADMITTED".equals(r.text("/status")));
        Duration left = Duration.between(Instant.now(), Instant.parse(admitted.text("/token_expires_at")));
        assertThat(left).as("the token's life starts when the units are reserved").isGreaterThan(TOKEN_LIFE.minusSeconds(2));

        ApiResponse bought = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/v1/flash-sales/" + sale + "/orders", order(admitted.text("/purchase_token")));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(202);
        assertThat(Fixtures.awaitSettled(customer, bought.text("/order_id")).text("/status")).isEqualTo("CONFIRMED");
        assertThat(fixtures.available(product)).as("one unit sold of five in stock").isEqualTo(4);
    }

    @Test
    void admissionLetsNoMoreHoldsWaitForInventoryThanItsBoundAndTheRestFollowAsInventoryAnswers() {
        String product = fixtures.productWithStock("20.00", 12);
        Map<ApiClient, String> tickets = new LinkedHashMap<>();
        String sale;
        MessageListenerContainer inventory = pausedInventoryCommands();
        try {
            sale = saleOf(product, 10, 1, Instant.now().plusSeconds(2));
            for (int i = 0; i < 10; i++) {
                ApiClient customer = fixtures.newCustomer();
                tickets.put(customer, customer.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id"));
            }
            Awaitility.await("the bound reached").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> holdsOf(sale, "RESERVING"), reserving -> reserving == MAX_RESERVING);
            Awaitility.await("and never passed while inventory does not answer").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> holdsOf(sale, "RESERVING"), reserving -> reserving == MAX_RESERVING);
        } finally {
            inventory.resume();
        }
        Map<ApiClient, ApiResponse> admitted = awaitAdmitted(sale, tickets, 10);
        assertThat(admitted).hasSize(10);
        assertThat(holdsOf(sale, "RESERVING")).isZero();
        assertThat(fixtures.available(product)).as("ten held of twelve").isEqualTo(2);
    }

    /** Inventory's command consumer, paused: reservations wait until it is resumed. */
    private MessageListenerContainer pausedInventoryCommands() {
        MessageListenerContainer inventory = listeners.getListenerContainer("inventory-commands");
        inventory.pause();
        Awaitility.await("inventory's commands paused").atMost(Duration.ofSeconds(30)).until(inventory::isContainerPaused);
        return inventory;
    }

    private int holdsOf(String sale, String status) {
        return jdbc.sql("""
                        select count(*) from orders.flash_sale_tickets t join orders.checkouts c on c.checkout_id = t.checkout_id
                        where t.flash_sale_id = :sale and c.status = :status""")
                .param("sale", sale).param("status", status).query(Integer.class).single();
    }

    @Test
    void orderingWithAPurchaseTokenSpendsTheCustomersCheckoutBudgetAndEveryAnswerSaysWhatIsLeft() {
        String product = fixtures.productWithStock("20.00", 5);
        ApiClient customer = fixtures.newCustomer();
        String sale = saleOf(product, 1, 1, Instant.now().plusSeconds(1));
        String ticket = customer.post(QUEUE.formatted(sale), Map.of("quantity", 1)).text("/ticket_id");
        String token = awaitAdmitted(sale, Map.of(customer, ticket), 1).get(customer).text("/purchase_token");

        // Tests run with budgets far above what they spend (checkout-user too), so this checks the spending, not a 429.
        // The bucket refills continuously (a test budget of 100,000 a minute refills one every 0.6 ms), so each answer
        // shows a spent bucket, not a countdown from one call to the next.
        List<Long> remaining = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        String limit = null;
        for (int call = 1; call <= 3; call++) {
            ApiResponse answer = customer.withHeader("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/v1/flash-sales/" + sale + "/orders", order(token));
            statuses.add(answer.status());
            assertThat(answer.header("RateLimit-Reset")).as(answer.toString()).isNotBlank();
            limit = limit == null ? answer.header("RateLimit-Limit") : limit;
            assertThat(answer.header("RateLimit-Limit")).isEqualTo(limit);
            remaining.add(Long.parseLong(answer.header("RateLimit-Remaining")));
        }
        assertThat(statuses).as("bought once, then the token is used").containsExactly(202, 409, 409);
        long budget = Long.parseLong(limit);
        assertThat(remaining).as("each call, refused or not, is spent from the checkout budget").allMatch(left -> left < budget);
        assertThat(customer.get(QUEUE.formatted(sale) + "/" + ticket).header("RateLimit-Limit")).as("polling is not checkout work").isNull();
    }

    @Test
    void aSaleIsDefinedOnlyForAProductThatExistsWithSensibleNumbers() {
        ApiClient admin = fixtures.admin();
        String product = fixtures.productWithStock("20.00", 5);
        Instant start = Instant.now().plusSeconds(60);
        Map<String, Object> good = definition(product, 10, 1, start, start.plusSeconds(60));

        ApiResponse created = admin.post("/api/v1/admin/flash-sales", good);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("/flash_sale_id")).startsWith("fls_");
        assertThat(created.json().path("sale_price").decimalValue()).isEqualByComparingTo("9.99");

        assertThat(admin.post("/api/v1/admin/flash-sales", with(good, "quantity", 0)).code()).isEqualTo("validation_failed");
        assertThat(admin.post("/api/v1/admin/flash-sales", with(good, "per_user_limit", 0)).code()).isEqualTo("validation_failed");
        assertThat(admin.post("/api/v1/admin/flash-sales", with(good, "ends_at", start.minusSeconds(1).toString())).code())
                .isEqualTo("validation_failed");
        ApiResponse unknown = admin.post("/api/v1/admin/flash-sales", with(good, "product_id", "prod_doesnotexist"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("product_not_found");
        assertThat(fixtures.newCustomer().post("/api/v1/admin/flash-sales", good).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/flash-sales/fls_doesnotexist").status()).isEqualTo(404);
    }

    private String saleOf(String product, int quantity, int perUserLimit, Instant start) {
        ApiResponse created = fixtures.admin().post("/api/v1/admin/flash-sales",
                definition(product, quantity, perUserLimit, start, start.plusSeconds(600)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("/flash_sale_id");
    }

    private static Map<String, Object> definition(String product, int quantity, int perUserLimit, Instant start, Instant end) {
        return Map.of("product_id", product, "quantity", quantity, "sale_price", new java.math.BigDecimal("9.99"),
                "starts_at", start.toString(), "ends_at", end.toString(), "per_user_limit", perUserLimit);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static Map<String, Object> order(String purchaseToken) {
        return Map.of("purchase_token", purchaseToken, "shipping_address", Fixtures.address(),
                "payment_method", Map.of("type", "card", "card_token", "tok_visa"));
    }

    private static ApiResponse poll(ApiClient customer, String sale, String ticketId) {
        ApiResponse ticket = customer.get(QUEUE.formatted(sale) + "/" + ticketId);
        assertThat(ticket.status()).as(ticket.toString()).isEqualTo(200);
        return ticket;
    }

    /** Polls every ticket until {@code count} are admitted, checking no poll ever sees more admitted than that. */
    private static Map<ApiClient, ApiResponse> awaitAdmitted(String sale, Map<ApiClient, String> tickets, int count) {
        return Awaitility.await(count + " admitted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<ApiClient, ApiResponse> admitted = new LinkedHashMap<>();
            tickets.forEach((customer, ticket) -> {
                ApiResponse polled = poll(customer, sale, ticket);
                if ("ADMITTED".equals(polled.text("/status"))) {
                    assertThat(polled.text("/purchase_token")).isNotBlank();
                    assertThat(polled.text("/token_expires_at")).isNotBlank();
                    admitted.put(customer, polled);
                }
            });
            assertThat(admitted.size()).as("never more admitted than units").isLessThanOrEqualTo(count);
            return admitted;
        }, admitted -> admitted.size() == count);
    }
}
