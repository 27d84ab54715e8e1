package dev.checkout.order.orders;

import dev.checkout.payment.api.PaymentMethod;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A payment method as a request body gives it: a gateway card token, never a card number. */
public record PaymentMethodRequest(
        @NotBlank(message = "is required") @Pattern(regexp = "card", message = "must be card") String type,
        @NotBlank(message = "is required") @Size(max = 100) @Pattern(regexp = NO_CARD_NUMBER + "tok_[A-Za-z0-9_]+", message = "must be a card token such as tok_visa, never a card number") String cardToken) {

    public PaymentMethod toPaymentMethod() {
        return new PaymentMethod(type, cardToken);
    }

    /** A gateway token never holds 13 digits in a row; a card number in one (tok_4242424242424242) is refused here. */
    static final String NO_CARD_NUMBER = "(?!.*[0-9]{13})";
}
