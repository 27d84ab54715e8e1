package dev.checkout.platform.messaging;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seed 003's messaging health as gauges, registered at start: per service, how long the oldest unpublished outbox row
 * has waited ({@code checkout.outbox.lag}, seconds; 0 when the relay is level) and how many rows wait; and how many
 * dead letters wait for an admin ({@code checkout.dlq.depth}: stored and not replayed). Each is read from PostgreSQL
 * when scraped, so it holds between scrapes without a job of its own; the queries use the partial indexes on
 * unpublished rows.
 */
class MessagingMeters {

    MessagingMeters(List<ServiceMessaging> services, MessagingSupport support, MeterRegistry meters) {
        JdbcClient jdbc = support.jdbc;
        for (ServiceMessaging service : services) {
            String outbox = service.service().table("outbox");
            Gauge.builder("checkout.outbox.lag", jdbc, db -> db.sql(
                            "select coalesce(extract(epoch from now() - min(created_at)), 0) from " + outbox + " where published_at is null")
                    .query(Double.class).single())
                    .tag("service", service.service().name()).baseUnit("seconds")
                    .description("Age of the oldest outbox row not yet published").register(meters);
            Gauge.builder("checkout.outbox.pending", jdbc, db -> db.sql("select count(*) from " + outbox + " where published_at is null")
                    .query(Long.class).single())
                    .tag("service", service.service().name())
                    .description("Outbox rows not yet published").register(meters);
        }
        Gauge.builder("checkout.dlq.depth", jdbc, db -> db.sql("select count(*) from platform.dead_letters where replayed_at is null")
                        .query(Long.class).single())
                .description("Dead letters stored and not replayed").register(meters);
    }
}
