package dev.checkout.chaos;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import java.util.concurrent.TimeUnit;

import dev.checkout.platform.testing.ApiClient;
import dev.checkout.platform.testing.TopicDump;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import io.lettuce.core.RedisClient;
import tools.jackson.databind.JsonNode;

/**
 * The promises, checked after a run has settled:
 * <ul>
 * <li>I1 no oversell: for every product, initial + units returned = physical stock left + units sold, nothing
 * negative, and the units sold are the units of the orders that are confirmed or later;</li>
 * <li>I2 Redis and PostgreSQL agree on availability once the system is idle and reconciliation has run;</li>
 * <li>I3 at most one gateway charge per order; net money = charged − refunded, between 0 and the order total, and
 * equal to the total for a confirmed-or-later order that was not refunded;</li>
 * <li>I4 every charge in the gateway's ledger belongs to an order that is confirmed or later with the same amount, or
 * is refunded in full;</li>
 * <li>I5 an acknowledged request has exactly one order, an unknown one zero or one, and no order exists that no
 * request asked for;</li>
 * <li>I6 within 60 s after the faults stop every saga is completed or compensated, and no reservation outlives its
 * time without an order;</li>
 * <li>I7 an Idempotency-Key always gives the same order and the same answer;</li>
 * <li>I8 every committed outbox row reached its topic, and every message a consumer received was processed once or
 * dead-lettered;</li>
 * <li>I9 returns: see {@link ReturnInvariants}.</li>
 * </ul>
 */
final class Invariants {

    record Violation(String invariant, String detail) {
        @Override
        public String toString() {
            return invariant + ": " + detail;
        }
    }

    /**
     * Who consumes what: the schema keeping the processed-message rows, the consumer name, its topics, and the message
     * types it takes (a consumer drops the other types of its topics without recording them).
     */
    record Consumer(String schema, String name, List<String> topics, Set<String> types, Predicate<JsonNode> concerns) {
        Consumer(String schema, String name, List<String> topics, Set<String> types) {
            this(schema, name, topics, types, payload -> true);
        }
    }

    /** A reservation reply about a checkout's own reservation (its owner a {@code chk_} id), not an order's. */
    private static boolean aCheckouts(JsonNode payload) {
        return payload.path("owner_id").asString("").startsWith("chk_");
    }

    private static final Set<String> SAGA_REPLIES = Set.of("StockReserved", "StockReservationFailed", "StockConfirmed",
            "StockConfirmationFailed", "StockReleased", "OrderRestocked", "PaymentProcessed", "PaymentFailed", "PaymentRefunded",
            "RefundFailed");

    static final List<Consumer> CONSUMERS = List.of(
            new Consumer("inventory", "inventory-commands", List.of("inventory-commands"),
                    Set.of("ReserveStock", "ConfirmStock", "ReleaseStock", "RestockOrder", "RestockItems")),
            new Consumer("payment", "payment-commands", List.of("payment-commands"), Set.of("ChargePayment", "RefundPayment")),
            new Consumer("payment", "order-events", List.of("order-events"), Set.of("OrderFailed", "OrderCancelled")),
            // Routes say which messages concern them; the others are dropped unrecorded (MessageRoutes), as here.
            new Consumer("orders", "saga-replies", List.of("inventory-replies", "payment-events"), SAGA_REPLIES,
                    payload -> !aCheckouts(payload)),
            new Consumer("orders", "checkout-reservations", List.of("inventory-replies"), Set.of("StockReserved", "StockReservationFailed"),
                    Invariants::aCheckouts),
            new Consumer("orders", "return-outcomes", List.of("payment-events"), Set.of("PaymentRefunded", "RefundFailed"),
                    payload -> payload.path("refund_reason").asString("").startsWith("return:")),
            new Consumer("orders", "price-copy", List.of("catalog-events"), Set.of("ProductChanged")),
            new Consumer("catalog", "stock-levels", List.of("inventory-events"), Set.of("StockLevelChanged")),
            new Consumer("fulfillment", "order-events", List.of("order-events"), Set.of("OrderConfirmed")),
            new Consumer("notification", "order-events", List.of("order-events"), Set.of("OrderConfirmed", "OrderFailed", "OrderCancelled")),
            new Consumer("cart", "catalog-events", List.of("catalog-events"), Set.of("ProductChanged")),
            new Consumer("cart", "inventory-events", List.of("inventory-events"), Set.of("StockLevelChanged")),
            new Consumer("cart", "order-events", List.of("order-events"),
                    Set.of("OrderPlaced", "OrderConfirmed", "OrderFailed", "OrderCancelled", "CheckoutExpired"),
                    payload -> !payload.path("cart_id").isNull() && !payload.path("cart_id").isMissingNode()));

    static final List<String> SCHEMAS = List.of("identity", "catalog", "inventory", "payment", "pricing", "cart", "orders",
            "fulfillment", "notification");

    private static final Set<String> CONFIRMED_OR_LATER = Set.of("CONFIRMED", "PROCESSING", "SHIPPED", "DELIVERED");

    private final Cluster cluster;
    private final Database database;
    private final List<Violation> violations = new ArrayList<>();

    Invariants(Cluster cluster) {
        this.cluster = cluster;
        this.database = new Database(cluster.addresses());
    }

    List<Violation> check(List<Workload.Product> products, History history, long settleMillis, boolean settled) {
        noOversell(products);
        redisAgrees(products, Duration.ofSeconds(15));
        oneChargePerOrderAndTheRightAmount();
        everyChargeBelongsToAnOrder();
        everyRequestHasItsOrderAndNoMore(history);
        everythingSettled(settleMillis, settled);
        idempotencyKeysAnswerTheSame(history);
        everyMessageArrivedAndWasHandledOnce();
        violations.addAll(new ReturnInvariants(database, ledger()).check());
        return List.copyOf(violations);
    }

    /**
     * I2: every counter the inventory gate keeps in Redis ({@code {inventory}:available:<product>[|<variant>]}) equals
     * PostgreSQL's units available, and no hold is left in flight. A counter Redis does not have is fine (it is loaded
     * when next needed). The gate's reconciliation repairs drift on its own schedule, so a disagreement counts only if
     * it outlasts {@code patience}.
     */
    private void redisAgrees(List<Workload.Product> products, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> disagreements;
        try (RedisClient client = RedisClient.create(cluster.addresses().redisUrl()); var connection = client.connect()) {
            while (true) {
                disagreements = new ArrayList<>();
                for (Workload.Product product : products) {
                    for (Map<String, Object> counter : database.rows("""
                            select variant_id, coalesce(sum(quantity_available), 0) as available from inventory.stock
                            where product_id = ? group by variant_id""", product.productId())) {
                        String id = product.productId() + (counter.get("variant_id") == null ? "" : "|" + counter.get("variant_id"));
                        String cached = connection.sync().get("{inventory}:available:" + id);
                        long available = number(counter.get("available"));
                        if (cached != null && Long.parseLong(cached) != available) {
                            disagreements.add(id + " Redis says " + cached + " available, PostgreSQL " + available);
                        }
                    }
                }
                Long inFlight = connection.sync().zcard("{inventory}:in-flight");
                if (inFlight != null && inFlight > 0) {
                    disagreements.add(inFlight + " hold(s) still in flight in Redis");
                }
                if (disagreements.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Cluster.sleep(Duration.ofMillis(500));
            }
        }
        disagreements.forEach(disagreement -> violation("I2", disagreement));
    }

    private void noOversell(List<Workload.Product> products) {
        for (Workload.Product product : products) {
            String id = product.productId();
            Map<String, Object> stock = database.rows("""
                    select coalesce(sum(quantity_total), 0) as total, coalesce(sum(quantity_reserved), 0) as reserved,
                           coalesce(sum(quantity_available), 0) as available, coalesce(min(quantity_available), 0) as lowest
                    from inventory.stock where product_id = ?""", id).getFirst();
            long total = number(stock.get("total"));
            long reserved = number(stock.get("reserved"));
            long lowest = number(stock.get("lowest"));
            long sold = database.count("""
                    select coalesce(sum(l.quantity), 0) from inventory.reservation_lines l join inventory.reservations r using (reservation_id)
                    where r.status = 'CONFIRMED' and l.product_id = ?""", id);
            long held = database.count("""
                    select coalesce(sum(l.quantity), 0) from inventory.reservation_lines l join inventory.reservations r using (reservation_id)
                    where r.status = 'PENDING' and l.product_id = ?""", id);
            long ordered = database.count("""
                    select coalesce(sum(i.quantity), 0) from orders.order_items i join orders.orders o using (order_id)
                    where o.status in ('CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED', 'RETURNED', 'REFUNDED') and i.product_id = ?""", id);
            long returned = database.count("""
                    select coalesce(sum(r.quantity), 0) from inventory.returned_items r join inventory.stock s using (stock_id)
                    where s.product_id = ?""", id);
            if (product.initialUnits() + returned != total + sold) {
                violation("I1", id + ": initially " + product.initialUnits() + " and " + returned + " returned, now " + total
                        + " on the shelf and " + sold + " sold");
            }
            if (total < 0 || reserved < 0 || lowest < 0) {
                violation("I1", id + ": negative stock (total " + total + ", reserved " + reserved + ", lowest available " + lowest + ")");
            }
            if (reserved != held) {
                violation("I1", id + ": " + reserved + " reserved on the stock rows but " + held + " held by pending reservations");
            }
            if (sold != ordered) {
                violation("I1", id + ": " + sold + " units sold by inventory but " + ordered + " in confirmed orders");
            }
        }
    }

    private void oneChargePerOrderAndTheRightAmount() {
        Map<String, List<JsonNode>> chargesByOrder = new HashMap<>();
        for (JsonNode charge : ledger().path("charges")) {
            if ("succeeded".equals(charge.path("status").asString())) {
                chargesByOrder.computeIfAbsent(orderOf(charge), k -> new ArrayList<>()).add(charge);
            }
        }
        for (Map<String, Object> order : database.rows("select order_id, status, total_amount, payment_status from orders.orders")) {
            String orderId = (String) order.get("order_id");
            List<JsonNode> charges = chargesByOrder.getOrDefault(orderId, List.of());
            if (charges.size() > 1) {
                violation("I3", orderId + " was charged " + charges.size() + " times");
            }
            long total = cents((BigDecimal) order.get("total_amount"));
            long net = charges.stream().mapToLong(c -> c.path("amount").asLong() - c.path("amount_refunded").asLong()).sum();
            if (net < 0 || net > total) {
                violation("I3", orderId + ": net " + net + " cents outside 0.." + total);
            }
            boolean refundedByDesign = !"CAPTURED".equals(order.get("payment_status"));
            if (CONFIRMED_OR_LATER.contains((String) order.get("status")) && !refundedByDesign && net != total) {
                violation("I3", orderId + " is " + order.get("status") + " but holds " + net + " of " + total + " cents");
            }
        }
    }

    private void everyChargeBelongsToAnOrder() {
        Map<String, Map<String, Object>> orders = database.rows("select order_id, status, total_amount from orders.orders").stream()
                .collect(Collectors.toMap(o -> (String) o.get("order_id"), o -> o));
        for (JsonNode charge : ledger().path("charges")) {
            if (!"succeeded".equals(charge.path("status").asString())) {
                continue;
            }
            boolean refundedInFull = charge.path("amount_refunded").asLong() == charge.path("amount").asLong();
            Map<String, Object> order = orders.get(orderOf(charge));
            boolean belongs = order != null && CONFIRMED_OR_LATER.contains((String) order.get("status"))
                    && cents((BigDecimal) order.get("total_amount")) == charge.path("amount").asLong();
            if (!belongs && !refundedInFull) {
                violation("I4", "charge " + charge.path("id").asString() + " (" + charge.path("amount").asLong() + " cents, key "
                        + charge.path("idempotency_key").asString() + ") belongs to no confirmed order of that amount and is not refunded"
                        + (order == null ? "" : "; the order is " + order.get("status")));
            }
        }
    }

    private void everyRequestHasItsOrderAndNoMore(History history) {
        Map<String, String> keyToOrder = new HashMap<>();
        for (Map<String, Object> key : database.rows("select user_id, idempotency_key, resource_id from orders.idempotency_keys where resource_id is not null")) {
            keyToOrder.put(key.get("user_id") + "/" + key.get("idempotency_key"), (String) key.get("resource_id"));
        }
        Set<String> existing = new HashSet<>(database.strings("select order_id from orders.orders"));
        Set<String> asked = new HashSet<>();
        for (History.Submission submission : history.submissions()) {
            String stored = keyToOrder.get(submission.userId() + "/" + submission.idempotencyKey());
            if (stored != null) {
                asked.add(stored);
            }
            if (submission.outcome() == History.Outcome.OK) {
                if (submission.orderId() == null || !existing.contains(submission.orderId())) {
                    violation("I5", "request " + submission.idempotencyKey() + " was acknowledged with order " + submission.orderId()
                            + " which does not exist");
                } else if (!submission.orderId().equals(stored)) {
                    violation("I5", "request " + submission.idempotencyKey() + " was acknowledged with " + submission.orderId()
                            + " but its key names " + stored);
                }
            }
        }
        Set<String> users = history.submissions().stream().map(History.Submission::userId).collect(Collectors.toSet());
        for (Map<String, Object> order : database.rows("select order_id, user_id from orders.orders")) {
            if (users.contains(order.get("user_id")) && !asked.contains(order.get("order_id"))) {
                violation("I5", "order " + order.get("order_id") + " exists but no request of its customer asked for it");
            }
        }
    }

    private void everythingSettled(long settleMillis, boolean settled) {
        if (!settled) {
            violation("I6", "not settled within 60 s after the faults stopped: " + unsettled());
        }
        long stale = database.count("""
                select count(*) from inventory.reservations where status = 'PENDING' and expires_at < now() - interval '10 seconds'""");
        if (stale > 0) {
            violation("I6", stale + " reservation(s) outlived their time without being released");
        }
        long failedSagas = database.count("select count(*) from orders.saga_instances where status = 'FAILED'");
        if (failedSagas > 0) {
            violation("I6", failedSagas + " saga(s) ended FAILED and need an operator");
        }
    }

    /** What is still moving, or empty when everything has settled. */
    String unsettled() {
        List<String> moving = new ArrayList<>();
        long pendingOrders = database.count("select count(*) from orders.orders where status = 'PENDING'");
        long activeSagas = database.count("select count(*) from orders.saga_instances where status in ('RUNNING', 'COMPENSATING')");
        long openCheckouts = database.count("select count(*) from orders.checkouts where status in ('RESERVING', 'RESERVED')");
        long unresolvedPayments = database.count("select count(*) from payment.payments where status in ('INITIATED', 'PENDING')");
        long pendingRefunds = database.count("select count(*) from payment.refunds where status = 'PENDING'");
        long heldReservations = database.count("select count(*) from inventory.reservations where status = 'PENDING'");
        long claims = database.count("select count(*) from orders.idempotency_keys where response_status is null");
        long returnsAwaitingRefund = database.count("select count(*) from orders.order_returns where status = 'APPROVED'");
        long unpublished = SCHEMAS.stream().mapToLong(schema -> database.count("select count(*) from " + schema + ".outbox where published_at is null")).sum();
        if (pendingOrders > 0) moving.add(pendingOrders + " pending orders");
        if (activeSagas > 0) moving.add(activeSagas + " active sagas");
        if (openCheckouts > 0) moving.add(openCheckouts + " open checkouts");
        if (unresolvedPayments > 0) moving.add(unresolvedPayments + " unresolved payments");
        if (pendingRefunds > 0) moving.add(pendingRefunds + " pending refunds");
        if (heldReservations > 0) moving.add(heldReservations + " held reservations");
        if (claims > 0) moving.add(claims + " requests in flight (claimed Idempotency-Keys)");
        if (returnsAwaitingRefund > 0) moving.add(returnsAwaitingRefund + " approved returns awaiting their refund");
        if (unpublished > 0) moving.add(unpublished + " unpublished messages");
        consumerLag().forEach((group, lag) -> moving.add(lag + " not yet consumed by " + group));
        return String.join(", ", moving);
    }

    /**
     * The consumer groups that still have messages to read (a poison message, for one, holds its partition through its
     * retries until it is dead-lettered): how many, and on which partitions, from which committed offset to which end
     * ({@code 2 message(s) (inventory-commands-3 @118..120)}), so a lag that never drains says where it is.
     */
    private Map<String, String> consumerLag() {
        Map<String, String> lagging = new java.util.TreeMap<>();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.addresses().kafkaBootstrapServers()))) {
            for (var group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                if (committed.isEmpty()) {
                    continue;
                }
                var latest = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                List<String> where = new ArrayList<>();
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() == null) {
                        continue;
                    }
                    long end = latest.get(entry.getKey()).offset();
                    long behind = Math.max(0, end - entry.getValue().offset());
                    if (behind > 0) {
                        lag += behind;
                        where.add(entry.getKey() + " @" + entry.getValue().offset() + ".." + end);
                    }
                }
                where.sort(null);
                if (lag > 0) {
                    lagging.put(group.groupId(), lag + " message(s) (" + String.join(", ", where) + ")");
                }
            }
        } catch (Exception e) {
            lagging.put("(consumer lag unknown: " + e.getMessage() + ")", "?");
        }
        return lagging;
    }

    private void idempotencyKeysAnswerTheSame(History history) {
        Map<String, List<History.Submission>> byKey = history.submissions().stream()
                .filter(s -> s.outcome() == History.Outcome.OK)
                .collect(Collectors.groupingBy(s -> s.userId() + "/" + s.idempotencyKey()));
        for (var entry : byKey.entrySet()) {
            Set<String> orders = entry.getValue().stream().map(History.Submission::orderId).collect(Collectors.toSet());
            if (orders.size() > 1) {
                violation("I7", "key " + entry.getKey() + " gave orders " + orders);
            }
            long firsts = entry.getValue().stream().filter(s -> !s.replayed()).count();
            if (firsts > 1) {
                violation("I7", "key " + entry.getKey() + " was answered " + firsts + " times without Idempotent-Replayed");
            }
            Set<String> bodies = entry.getValue().stream().map(History.Submission::responseBody).collect(Collectors.toSet());
            if (bodies.size() > 1) {
                violation("I7", "key " + entry.getKey() + " gave different answers: " + bodies);
            }
        }
    }

    private void everyMessageArrivedAndWasHandledOnce() {
        Map<String, List<TopicDump.Message>> topics = new HashMap<>();
        for (String schema : SCHEMAS) {
            for (Map<String, Object> row : database.rows("select event_id, topic, published_at from " + schema + ".outbox")) {
                if (row.get("published_at") == null) {
                    violation("I8", schema + " outbox row " + row.get("event_id") + " was never published");
                    continue;
                }
                List<TopicDump.Message> messages = topics.computeIfAbsent((String) row.get("topic"), this::dump);
                if (messages.stream().noneMatch(m -> row.get("event_id").equals(m.header("event_id")))) {
                    violation("I8", schema + " outbox row " + row.get("event_id") + " is marked published but is not on " + row.get("topic"));
                }
            }
        }
        Set<String> deadLettered = new HashSet<>();
        for (Map<String, Object> letter : database.rows("select event_id, original_topic, headers::text as headers from platform.dead_letters")) {
            deadLettered.add(letter.get("original_topic") + "/" + letter.get("event_id"));
        }
        for (Consumer consumer : CONSUMERS) {
            Set<String> processed = new HashSet<>(database.strings("select event_id from " + consumer.schema()
                    + ".processed_messages where consumer = ?", consumer.name()));
            for (String topic : consumer.topics()) {
                for (TopicDump.Message message : topics.computeIfAbsent(topic, this::dump)) {
                    String eventId = message.header("event_id");
                    if (eventId == null || message.header("replayed_dead_letter") != null) {
                        continue; // not an envelope (a poison message, dead-lettered), or a replay of a dead letter
                    }
                    if (!consumer.types().contains(message.header("event_type")) || !consumer.concerns().test(payloadOf(message))) {
                        continue; // a type this consumer has no use for, or a message its route drops: unrecorded
                    }
                    if (!processed.contains(eventId) && !deadLettered.contains(topic + "/" + eventId)) {
                        violation("I8", consumer.schema() + "/" + consumer.name() + " neither processed nor dead-lettered " + eventId + " from " + topic);
                    }
                }
            }
        }
    }

    private static JsonNode payloadOf(TopicDump.Message message) {
        try {
            return ApiClient.json().readTree(message.value()).path("payload");
        } catch (RuntimeException unreadable) {
            return ApiClient.json().createObjectNode();
        }
    }

    private List<TopicDump.Message> dump(String topic) {
        return TopicDump.read(cluster.addresses().kafkaBootstrapServers(), topic);
    }

    private JsonNode ledger() {
        return cluster.gatewayApi().get("/v1/ledger").json();
    }

    private static String orderOf(JsonNode charge) {
        String key = charge.path("idempotency_key").asString("");
        return key.endsWith(":charge") ? key.substring(0, key.length() - ":charge".length()) : key;
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private void violation(String invariant, String detail) {
        violations.add(new Violation(invariant, detail));
    }
}
