package dev.checkout.payment.api;

/** Topics payment owns. */
public final class PaymentTopics {

    /** {@link ChargePayment} and {@link RefundPayment}, keyed by order id. */
    public static final String COMMANDS = "payment-commands";
    /** {@link PaymentProcessed}, {@link PaymentFailed}, {@link PaymentRefunded}, {@link RefundFailed}, keyed by order id. */
    public static final String EVENTS = "payment-events";

    private PaymentTopics() {
    }
}
