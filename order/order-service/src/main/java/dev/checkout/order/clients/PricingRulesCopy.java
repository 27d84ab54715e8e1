package dev.checkout.order.clients;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import dev.checkout.pricing.api.PricingRulesChanged;
import dev.checkout.pricing.api.PricingTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pricing's rules as the order service keeps them (table {@code pricing_rules}), fed by pricing's announcements: an
 * order without a coupon is quoted from them by the rules' own arithmetic, as pricing would quote it, without a call.
 * Read from the table at most every {@link #REREAD} per process: the announcement reaches one instance of the order
 * service, the others see it in the table within that time.
 */
@Component
class PricingRulesCopy {

    private static final Duration REREAD = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final OrderMessaging messaging;
    private final JsonMapper json;
    private final Clock clock;
    private final MessageRoutes routes = MessageRoutes.builder().on(PricingRulesChanged.class, this::on).build();
    private volatile Snapshot snapshot = new Snapshot(Optional.empty(), Instant.MIN);

    PricingRulesCopy(JdbcClient jdbc, OrderMessaging messaging, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.json = json;
        this.clock = clock;
    }

    private record Snapshot(Optional<PricingRulesChanged> rules, Instant readAt) {
    }

    /** The rules last announced, or empty before the first announcement arrives (quote by asking pricing then). */
    Optional<PricingRulesChanged> current() {
        Snapshot held = snapshot;
        Instant now = clock.instant();
        if (held.rules().isPresent() && held.readAt().plus(REREAD).isAfter(now)) {
            return held.rules();
        }
        Optional<PricingRulesChanged> read = jdbc.sql("select rules from orders.pricing_rules").query(String.class).optional()
                .map(text -> json.readValue(text, PricingRulesChanged.class));
        snapshot = new Snapshot(read, now);
        return read;
    }

    @KafkaListener(id = "order-pricing-rules", groupId = "order-service", topics = PricingTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "pricing-rules", routes);
    }

    /** Keeps the announcement unless the copy holds a later one. */
    private void on(PricingRulesChanged rules, InboundMessage message) {
        Instant announcedAt = message.envelope().occurredAt() == null ? clock.instant() : message.envelope().occurredAt();
        jdbc.sql("""
                        insert into orders.pricing_rules (rules, announced_at) values (:rules::jsonb, :announcedAt)
                        on conflict (only_row) do update set rules = excluded.rules, announced_at = excluded.announced_at, updated_at = now()
                        where pricing_rules.announced_at <= excluded.announced_at""")
                .param("rules", json.writeValueAsString(rules))
                .param("announcedAt", Timestamp.from(announcedAt))
                .update();
    }
}
