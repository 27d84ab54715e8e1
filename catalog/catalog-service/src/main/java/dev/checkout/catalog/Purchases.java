package dev.checkout.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.catalog.CatalogServiceConfiguration.CatalogMessaging;
import dev.checkout.order.api.OrderConfirmed;
import dev.checkout.order.api.OrderLine;
import dev.checkout.order.api.OrderStatusChanged;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the catalog learns from the order service's events: who bought which products (a confirmed order) and when
 * it reached them ({@code OrderStatusChanged} to DELIVERED), so only verified buyers review; and how many units of
 * each product were ordered, which ranks suggestions. Other order events are dropped unread.
 */
@Component
class Purchases {

    static final String DELIVERED = "DELIVERED";

    private final CatalogMessaging messaging;
    private final JdbcClient jdbc;
    private final Suggestions suggestions;
    private final MessageRoutes routes = MessageRoutes.builder()
            .on(OrderConfirmed.class, this::confirmed)
            .on(OrderStatusChanged.class, this::statusChanged)
            .build();

    Purchases(CatalogMessaging messaging, JdbcClient jdbc, Suggestions suggestions) {
        this.messaging = messaging;
        this.jdbc = jdbc;
        this.suggestions = suggestions;
    }

    @KafkaListener(id = "catalog-purchases", groupId = "catalog-service", topics = OrderTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "purchases", routes);
    }

    private void confirmed(OrderConfirmed order, InboundMessage message) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (OrderLine line : order.lines() == null ? List.<OrderLine>of() : order.lines()) {
            units.merge(line.productId(), line.quantity(), Integer::sum);
        }
        units.forEach((productId, quantity) -> {
            jdbc.sql("""
                            insert into catalog.purchases (order_id, product_id, user_id, quantity) values (:order, :product, :user, :quantity)
                            on conflict do nothing""")
                    .param("order", order.orderId()).param("product", productId).param("user", order.userId())
                    .param("quantity", quantity).update();
            jdbc.sql("""
                            insert into catalog.product_popularity (product_id, units_ordered) values (:product, :quantity)
                            on conflict (product_id) do update set units_ordered = product_popularity.units_ordered + excluded.units_ordered""")
                    .param("product", productId).param("quantity", quantity).update();
        });
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                units.forEach(suggestions::ordered);
            }
        });
    }

    private void statusChanged(OrderStatusChanged change, InboundMessage message) {
        if (DELIVERED.equals(change.to())) {
            jdbc.sql("update catalog.purchases set delivered_at = coalesce(delivered_at, :at) where order_id = :order")
                    .param("at", java.sql.Timestamp.from(change.changedAt() != null ? change.changedAt() : message.envelope().occurredAt()))
                    .param("order", change.orderId()).update();
        }
    }

    /** Whether the user has a delivered order containing the product. */
    boolean delivered(String userId, String productId) {
        return jdbc.sql("""
                        select exists (select 1 from catalog.purchases
                                       where user_id = :user and product_id = :product and delivered_at is not null)""")
                .param("user", userId).param("product", productId).query(Boolean.class).single();
    }
}
