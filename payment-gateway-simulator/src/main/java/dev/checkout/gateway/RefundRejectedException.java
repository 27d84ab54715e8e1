package dev.checkout.gateway;

/** The ledger refused a refund because it would break the rule that refunds never exceed what was charged. */
final class RefundRejectedException extends RuntimeException {

    enum Reason { NO_SUCH_CHARGE, CHARGE_NOT_SUCCEEDED, ALREADY_REFUNDED, AMOUNT_TOO_LARGE }

    private final Reason reason;

    RefundRejectedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
