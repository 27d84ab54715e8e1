package dev.checkout.architecturefixture;

import dev.checkout.platform.messaging.InboundMessage;

/** A deliberate violation for the architecture test: a consumer that switches on the wire name's text. */
public final class SwitchesOnTypeName {

    boolean isReservation(InboundMessage message) {
        return switch (message.type()) {
            case "StockReserved" -> true;
            default -> false;
        };
    }
}
