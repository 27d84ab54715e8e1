package dev.checkout.gateway;

import java.util.Arrays;
import java.util.Optional;

/** The test card tokens the simulator knows (docs/api.md, "Checkout"), and what each one does. */
enum TestCard {
    VISA("tok_visa", "visa", "4242", Outcome.SUCCEEDS),
    MASTERCARD("tok_mastercard", "mastercard", "4444", Outcome.SUCCEEDS),
    DECLINED("tok_chargeDeclined", "visa", "0002", Outcome.DECLINED),
    INSUFFICIENT_FUNDS("tok_insufficient_funds", "visa", "9995", Outcome.INSUFFICIENT_FUNDS),
    /** Charged at once, answered only after {@code simulator.timeout-token-delay}: the caller times out, paid. */
    TIMEOUT("tok_timeout", "visa", "0341", Outcome.SUCCEEDS_AFTER_TIMEOUT_DELAY),
    /** Answers 503 and records nothing, like a gateway that is down. */
    GATEWAY_ERROR("tok_gateway_error", "visa", "0119", Outcome.GATEWAY_UNAVAILABLE),
    /** Charged at once, answered after {@code simulator.slow-token-delay}. */
    SLOW("tok_slow", "visa", "3220", Outcome.SUCCEEDS_AFTER_SLOW_DELAY);

    enum Outcome {
        SUCCEEDS, SUCCEEDS_AFTER_TIMEOUT_DELAY, SUCCEEDS_AFTER_SLOW_DELAY, DECLINED, INSUFFICIENT_FUNDS,
        GATEWAY_UNAVAILABLE
    }

    private final String token;
    private final String brand;
    private final String last4;
    private final Outcome outcome;

    TestCard(String token, String brand, String last4, Outcome outcome) {
        this.token = token;
        this.brand = brand;
        this.last4 = last4;
        this.outcome = outcome;
    }

    static Optional<TestCard> byToken(String token) {
        return Arrays.stream(values()).filter(card -> card.token.equals(token)).findFirst();
    }

    String token() {
        return token;
    }

    /** The card network, lower case as Stripe writes it ({@code visa}, {@code mastercard}). */
    String brand() {
        return brand;
    }

    String last4() {
        return last4;
    }

    Outcome outcome() {
        return outcome;
    }
}
