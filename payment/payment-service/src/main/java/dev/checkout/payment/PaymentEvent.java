package dev.checkout.payment;

/** What happened to a payment: domain events, mapped to {@code payment-events} messages at the edge. */
sealed interface PaymentEvent {

    Payment payment();

    record Captured(Payment payment) implements PaymentEvent {
    }

    record Failed(Payment payment) implements PaymentEvent {
    }
}
