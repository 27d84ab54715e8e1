package dev.checkout.identity.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An address in a customer's address book; {@code type} is SHIPPING or BILLING. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedAddress(String addressId, String type, String street, String city, String state, String zip, String country,
                           boolean isDefault) {
}
