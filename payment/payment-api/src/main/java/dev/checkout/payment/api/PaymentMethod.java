package dev.checkout.payment.api;

/** How the customer pays: a card, by gateway token (never a card number). */
public record PaymentMethod(String type, String cardToken) {
}
