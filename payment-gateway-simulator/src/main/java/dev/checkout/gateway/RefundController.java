package dev.checkout.gateway;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/** {@code POST /v1/refunds}: give back all or part of a charge. */
@RestController
final class RefundController {

    private final Refunds refunds;
    private final NetworkFaults network;
    private final RequestCounts counts;
    private final JsonMapper mapper;

    RefundController(Refunds refunds, NetworkFaults network, RequestCounts counts, JsonMapper mapper) {
        this.refunds = refunds;
        this.network = network;
        this.counts = counts;
        this.mapper = mapper;
    }

    @PostMapping("/v1/refunds")
    void create(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        counts.refund();
        RequestParams params = RequestParams.read(mapper, request);
        network.answer(request, response, () -> refunds.create(IdempotencyKeys.validKey(idempotencyKey),
                RefundRequest.from(params)));
    }
}
