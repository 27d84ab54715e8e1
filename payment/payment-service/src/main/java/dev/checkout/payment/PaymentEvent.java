package dev.checkout.payment;

import dev.checkout.platform.core.DomainModel;

/** What happened to a payment: domain events, mapped to {@code payment-events} messages at the edge. */
@DomainModel
sealed interface PaymentEvent {

    Payment payment();

    record Captured(Payment payment) implements PaymentEvent {
    }

    record Failed(Payment payment) implements PaymentEvent {
    }
}
