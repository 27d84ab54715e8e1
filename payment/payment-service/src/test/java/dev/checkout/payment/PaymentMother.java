package dev.checkout.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import dev.checkout.platform.core.Backoff;

/** Payments in the states the tests start from, in one line each. */
final class PaymentMother {

    static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");
    static final Duration LONGEST_CALL = Duration.ofSeconds(34);
    static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10));

    private PaymentMother() {
    }

    static Payment initiated(String amount) {
        return Payment.initiate("pay_1", "order_1", "user_1", new BigDecimal(amount), "USD", "card", "tok_visa", NOW.plusSeconds(1));
    }

    /** Attempted once, and that attempt is still out. */
    static Payment inFlight(String amount) {
        Payment payment = initiated(amount);
        payment.startAttempt(NOW, LONGEST_CALL, BACKOFF);
        return payment;
    }

    static Payment pending(String amount) {
        Payment payment = inFlight(amount);
        payment.outcomeUnknown(NOW, BACKOFF);
        return payment;
    }

    static Payment captured(String amount) {
        Payment payment = inFlight(amount);
        payment.captured("ch_1", "4242", "visa");
        payment.takeEvents();
        return payment;
    }
}
