package dev.checkout.order.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A shipping address as a request body gives it (an order, a checkout, a flash-sale purchase). */
public record ShippingAddressRequest(
        @Size(max = 200) String name,
        @NotBlank(message = "is required") @Size(max = 500) String street,
        @NotBlank(message = "is required") @Size(max = 100) String city,
        @Size(max = 100) String state,
        @NotBlank(message = "is required") @Size(max = 20) String zip,
        @NotBlank(message = "is required") @Size(min = 2, max = 100) String country) {

    public Address toAddress() {
        return new Address(name, street, city, state, zip, country, null);
    }
}
