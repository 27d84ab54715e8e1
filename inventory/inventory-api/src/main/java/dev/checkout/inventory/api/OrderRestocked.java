package dev.checkout.inventory.api;

/** The owner's sold units are back in stock (or there were none to return). */
public record OrderRestocked(String ownerId) {
}
