package dev.checkout.gateway;

import java.util.List;
import java.util.Map;

import dev.checkout.gateway.LedgerState.ChargeView;

/** A charge as the API shows it (Stripe's charge object, trimmed to what the simulator models). */
record ChargeBody(
        String id,
        String object,
        String status,
        long amount,
        String currency,
        String source,
        String sourceLast4,
        String sourceBrand,
        long created,
        String idempotencyKey,
        String description,
        Map<String, String> metadata,
        long amountRefunded,
        boolean refunded,
        String failureCode,
        String failureMessage) {

    static ChargeBody of(ChargeView view) {
        Charge charge = view.charge();
        return new ChargeBody(charge.id(), "charge", charge.status(), charge.amount(), charge.currency(),
                charge.source(), charge.sourceLast4(), brandOf(charge.source()), charge.created(), charge.idempotencyKey(),
                charge.description(), charge.metadata(), view.amountRefunded(), view.refunded(),
                charge.failureCode(), charge.failureMessage());
    }

    /** The brand of the test card a charge was made with; the ledger need not store what the token implies. */
    private static String brandOf(String token) {
        return TestCard.byToken(token).map(TestCard::brand).orElse(null);
    }

    /** Stripe's list envelope. */
    record ChargeList(String object, List<ChargeBody> data, boolean hasMore, String url) {

        static ChargeList of(List<ChargeView> charges) {
            return of(charges, false);
        }

        static ChargeList of(List<ChargeView> charges, boolean hasMore) {
            return new ChargeList("list", charges.stream().map(ChargeBody::of).toList(), hasMore, "/v1/charges");
        }
    }
}
