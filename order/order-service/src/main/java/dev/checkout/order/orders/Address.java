package dev.checkout.order.orders;

import dev.checkout.platform.core.DomainModel;

/**
 * Where an order goes: as the customer typed it, or copied from one of their saved addresses ({@code addressId}).
 * A value: two equal addresses are the same place.
 */
@DomainModel
public record Address(String name, String street, String city, String state, String zip, String country, String addressId) {

    Address withoutId() {
        return new Address(name, street, city, state, zip, country, null);
    }
}
