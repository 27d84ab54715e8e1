/**
 * Payment: payments and refunds, and the only caller of the payment gateway. It owns the {@code payment} schema.
 * An order is charged at most once: the gateway idempotency key is derived from the order ({@code <order>:charge}),
 * so retries, restarts and duplicate commands all name the same charge. A {@link dev.checkout.payment.Payment} whose
 * outcome is unknown (a timeout, a dropped connection, a garbled answer, an attempt lost to a crash) is PENDING, never
 * guessed FAILED, and is resolved by sending the same charge again, with back-off, until the gateway answers with
 * what it did. Only a payment no attempt could have charged fails as {@code payment_unavailable}, once Resilience4j's
 * retries of "not charged" answers gave up or its open circuit breaker refused the call. Refunds are idempotent by
 * order, reason and amount ({@code <order>:refund:<reason>:<amount|full>}) and never exceed what was captured.
 * Outcomes are published on {@code payment-events}, keyed by order id. Of a card, only the gateway token, the brand
 * and the last four digits are stored or logged; a card number sent as a token is refused, not stored.
 */
package dev.checkout.payment;
