package dev.checkout.gateway;

/** A refund as the API shows it. */
record RefundBody(String id, String object, String status, long amount, String charge, String currency,
        long created) {

    static RefundBody of(Refund refund) {
        return new RefundBody(refund.id(), "refund", "succeeded", refund.amount(), refund.charge(),
                refund.currency(), refund.created());
    }
}
