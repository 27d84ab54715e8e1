package dev.checkout.gateway;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/** {@code /v1/charges}: charge a test card, read a charge back, find the charge an idempotency key made. */
@RestController
final class ChargeController {

    private final Charges charges;
    private final NetworkFaults network;
    private final RequestCounts counts;
    private final JsonBodies bodies;
    private final JsonMapper mapper;

    ChargeController(Charges charges, NetworkFaults network, RequestCounts counts, JsonBodies bodies, JsonMapper mapper) {
        this.charges = charges;
        this.network = network;
        this.counts = counts;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    @PostMapping("/v1/charges")
    void create(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        counts.charge();
        RequestParams params = RequestParams.read(mapper, request);
        network.answer(request, response, () -> charges.create(IdempotencyKeys.validKey(idempotencyKey),
                ChargeRequest.from(params)));
    }

    @GetMapping("/v1/charges/{id}")
    ResponseEntity<byte[]> get(@PathVariable String id) {
        return charges.find(id)
                .map(charge -> bodies.entity(200, ChargeBody.of(charge)))
                .orElseThrow(() -> ApiError.notFound("No such charge: '" + id + "'"));
    }

    /**
     * Stripe's charge list: with {@code idempotency_key}, the charge that request made (how the platform settles an
     * unknown outcome); otherwise the charges created in {@code created[gte]..created[lte]} (epoch seconds), newest
     * first, {@code limit} (1-100, default 10) at a time, the next page {@code starting_after} the last id of this one
     * (how the platform reconciles the ledger with its orders).
     */
    @GetMapping("/v1/charges")
    ResponseEntity<byte[]> list(@RequestParam(name = "idempotency_key", required = false) String idempotencyKey,
            @RequestParam(name = "created[gte]", required = false) Long createdFrom,
            @RequestParam(name = "created[lte]", required = false) Long createdTo,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "limit", required = false) Integer limit) {
        if (idempotencyKey != null) {
            if (idempotencyKey.isBlank()) {
                throw ApiError.invalidRequest("parameter_invalid_empty", "idempotency_key", "idempotency_key may not be empty.");
            }
            return bodies.entity(200, ChargeBody.ChargeList.of(charges.withIdempotencyKey(idempotencyKey)));
        }
        int pageSize = limit == null ? 10 : limit;
        if (pageSize < 1 || pageSize > 100) {
            throw ApiError.invalidRequest("parameter_invalid_integer", "limit", "limit must be between 1 and 100.");
        }
        LedgerState.Page page = charges.created(createdFrom == null ? Long.MIN_VALUE : createdFrom,
                createdTo == null ? Long.MAX_VALUE : createdTo, startingAfter, pageSize);
        return bodies.entity(200, ChargeBody.ChargeList.of(page.charges(), page.hasMore()));
    }
}
