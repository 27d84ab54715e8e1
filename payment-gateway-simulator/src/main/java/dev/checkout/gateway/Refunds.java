package dev.checkout.gateway;

import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.checkout.gateway.IdempotencyKeys.Idempotency;
import dev.checkout.gateway.LedgerEntry.RefundRecorded;
import dev.checkout.gateway.LedgerState.ChargeView;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refunding a charge, fully or in part. Whether the refund fits in what remains of the charge is decided by the ledger
 * as it writes, so concurrent refunds of one charge under different keys cannot together exceed it.
 */
@Component
final class Refunds {

    static final String ENDPOINT = "POST /v1/refunds";

    private final Ledger ledger;
    private final IdempotencyKeys keys;
    private final JsonMapper mapper;
    private final Clock clock;

    Refunds(Ledger ledger, IdempotencyKeys keys, JsonMapper mapper, Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.mapper = mapper;
        this.clock = clock;
    }

    RecordedAnswer create(String idempotencyKey, RefundRequest request) {
        return keys.execute(idempotencyKey, ENDPOINT, request.canonical(),
                idempotency -> refund(request, idempotency));
    }

    private RecordedAnswer refund(RefundRequest request, Idempotency idempotency) {
        ChargeView charge = ledger.charge(request.charge()).orElseThrow(() -> ApiError.invalidRequest(
                "resource_missing", "charge", "No such charge: '" + request.charge() + "'"));
        long amount = request.amount().orElse(charge.charge().amount() - charge.amountRefunded());
        Refund refund = new Refund(Ids.refund(), charge.charge().id(), amount, charge.charge().currency(),
                clock.instant().getEpochSecond(), idempotency.key());
        JsonNode body = mapper.valueToTree(RefundBody.of(refund));
        try {
            ledger.record(new RefundRecorded(refund, idempotency.response(200, body)));
        } catch (RefundRejectedException e) {
            throw switch (e.reason()) {
                case NO_SUCH_CHARGE -> ApiError.invalidRequest("resource_missing", "charge", e.getMessage());
                case CHARGE_NOT_SUCCEEDED -> ApiError.invalidRequest("charge_not_refundable", "charge", e.getMessage());
                case ALREADY_REFUNDED -> ApiError.invalidRequest("charge_already_refunded", "charge", e.getMessage());
                case AMOUNT_TOO_LARGE -> ApiError.invalidRequest("amount_too_large", "amount", e.getMessage());
            };
        }
        return new RecordedAnswer(200, body, false);
    }
}
