package dev.checkout.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CheckoutMetersTest {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CheckoutMeters meters = new CheckoutMeters(registry);

    @Test
    void everyCheckoutMeterExistsBeforeTheFirstEvent() {
        assertThat(registry.get("checkout.orders.placed").counter().count()).isZero();
        assertThat(registry.get("checkout.orders.confirmed").counter().count()).isZero();
        assertThat(registry.get("checkout.orders.failed").tag("reason", "payment_declined").counter().count()).isZero();
        assertThat(registry.get("checkout.payments").tag("outcome", "failed").counter().count()).isZero();
        assertThat(registry.get("checkout.carts").tag("outcome", "abandoned").counter().count()).isZero();
        assertThat(registry.get("checkout.inventory.reservations.refused").counter().count()).isZero();
        assertThat(registry.get("checkout.order.creation.latency").timer().count()).isZero();
    }

    @Test
    void aConfirmedOrderRecordsTheTimeFromPlacementToConfirmation() {
        Instant placed = Instant.parse("2026-11-21T10:30:00Z");

        meters.orderConfirmed(placed, placed.plusMillis(1500));

        assertThat(registry.get("checkout.orders.confirmed").counter().count()).isEqualTo(1);
        assertThat(registry.get("checkout.order.creation.latency").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }

    @Test
    void anOrderFromACartCountsTheCartAsConverted() {
        meters.orderCreated(true);
        meters.orderCreated(false);

        assertThat(registry.get("checkout.orders.placed").counter().count()).isEqualTo(2);
        assertThat(registry.get("checkout.carts").tag("outcome", "converted").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailureForAnUnforeseenReasonGetsItsOwnSeries() {
        meters.orderFailed("fraud_suspected");

        assertThat(registry.get("checkout.orders.failed").tag("reason", "fraud_suspected").counter().count()).isEqualTo(1);
    }
}
