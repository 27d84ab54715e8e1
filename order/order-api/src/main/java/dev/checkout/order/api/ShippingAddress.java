package dev.checkout.order.api;

/** Where an order goes, as the order events carry it. */
public record ShippingAddress(String name, String street, String city, String state, String zip, String country) {
}
