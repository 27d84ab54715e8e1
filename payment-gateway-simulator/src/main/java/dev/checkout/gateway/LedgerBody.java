package dev.checkout.gateway;

import java.util.List;

import dev.checkout.gateway.LedgerState.ChargeView;
import dev.checkout.gateway.LedgerState.Snapshot;

/** {@code GET /v1/ledger}: every charge and refund ever made, oldest first; the oracle tests compare against. */
record LedgerBody(List<ChargeLine> charges, List<RefundLine> refunds) {

    record ChargeLine(String id, long amount, String currency, String status, String idempotencyKey,
            String sourceLast4, long created, long amountRefunded, String failureCode) {
    }

    record RefundLine(String id, String charge, long amount, String idempotencyKey, long created) {
    }

    static LedgerBody of(Snapshot snapshot) {
        return new LedgerBody(
                snapshot.charges().stream().map(LedgerBody::line).toList(),
                snapshot.refunds().stream()
                        .map(refund -> new RefundLine(refund.id(), refund.charge(), refund.amount(),
                                refund.idempotencyKey(), refund.created()))
                        .toList());
    }

    private static ChargeLine line(ChargeView view) {
        Charge charge = view.charge();
        return new ChargeLine(charge.id(), charge.amount(), charge.currency(), charge.status(),
                charge.idempotencyKey(), charge.sourceLast4(), charge.created(), view.amountRefunded(),
                charge.failureCode());
    }
}
