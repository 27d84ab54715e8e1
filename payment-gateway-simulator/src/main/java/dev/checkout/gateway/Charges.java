package dev.checkout.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.checkout.gateway.ApiError.Detail;
import dev.checkout.gateway.ApiError.ErrorBody;
import dev.checkout.gateway.IdempotencyKeys.Idempotency;
import dev.checkout.gateway.LedgerEntry.ChargeRecorded;
import dev.checkout.gateway.LedgerState.ChargeView;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Charging a test card: decide by the token, record in the ledger, then answer (late, for the slow tokens). */
@Component
final class Charges {

    static final String ENDPOINT = "POST /v1/charges";

    private final Ledger ledger;
    private final IdempotencyKeys keys;
    private final Pauses pauses;
    private final SimulatorProperties properties;
    private final JsonMapper mapper;
    private final Clock clock;

    Charges(Ledger ledger, IdempotencyKeys keys, Pauses pauses, SimulatorProperties properties, JsonMapper mapper,
            Clock clock) {
        this.ledger = ledger;
        this.keys = keys;
        this.pauses = pauses;
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
    }

    RecordedAnswer create(String idempotencyKey, ChargeRequest request) {
        TestCard card = TestCard.byToken(request.source()).orElseThrow(() -> ApiError.invalidRequest(
                "resource_missing", "source", "No such token: '" + request.source() + "'"));
        RecordedAnswer answer = keys.execute(idempotencyKey, ENDPOINT, request.canonical(),
                idempotency -> charge(card, request, idempotency));
        // The money has moved and the key is released; only the answer is late, so a retry meanwhile gets it at once.
        if (!answer.replayed()) {
            pauses.pause(delayOf(card));
        }
        return answer;
    }

    private RecordedAnswer charge(TestCard card, ChargeRequest request, Idempotency idempotency) {
        return switch (card.outcome()) {
            case GATEWAY_UNAVAILABLE -> throw ApiError.gatewayUnavailable();
            case DECLINED -> decline(card, request, idempotency, "card_declined", "Your card was declined.");
            case INSUFFICIENT_FUNDS ->
                    decline(card, request, idempotency, "insufficient_funds", "Your card has insufficient funds.");
            case SUCCEEDS, SUCCEEDS_AFTER_SLOW_DELAY, SUCCEEDS_AFTER_TIMEOUT_DELAY -> {
                Charge charge = newCharge(card, request, idempotency, Charge.SUCCEEDED, null, null);
                yield record(charge, idempotency, 200, mapper.valueToTree(ChargeBody.of(new ChargeView(charge, 0))));
            }
        };
    }

    /** A declined charge is recorded too (no money moved), and the 402 names it, as Stripe's does. */
    private RecordedAnswer decline(TestCard card, ChargeRequest request, Idempotency idempotency, String code,
            String message) {
        Charge charge = newCharge(card, request, idempotency, Charge.FAILED, code, message);
        ErrorBody error = new ErrorBody(new Detail("card_error", code, message, null, charge.id()));
        return record(charge, idempotency, 402, mapper.valueToTree(error));
    }

    private Charge newCharge(TestCard card, ChargeRequest request, Idempotency idempotency, String status,
            String failureCode, String failureMessage) {
        return new Charge(Ids.charge(), request.amount(), request.currency(), card.token(), card.last4(), status,
                failureCode, failureMessage, request.description(), request.metadata(),
                clock.instant().getEpochSecond(), idempotency.key());
    }

    private RecordedAnswer record(Charge charge, Idempotency idempotency, int status, JsonNode body) {
        ledger.record(new ChargeRecorded(charge, idempotency.response(status, body)));
        return new RecordedAnswer(status, body, false);
    }

    private Duration delayOf(TestCard card) {
        return switch (card.outcome()) {
            case SUCCEEDS_AFTER_TIMEOUT_DELAY -> properties.timeoutTokenDelay();
            case SUCCEEDS_AFTER_SLOW_DELAY -> properties.slowTokenDelay();
            default -> Duration.ZERO;
        };
    }

    Optional<ChargeView> find(String id) {
        return ledger.charge(id);
    }

    LedgerState.Page created(long createdFrom, long createdTo, String startingAfter, int limit) {
        return ledger.chargesCreated(createdFrom, createdTo, startingAfter, limit);
    }

    List<ChargeView> withIdempotencyKey(String idempotencyKey) {
        return ledger.chargesWithKey(idempotencyKey);
    }
}
