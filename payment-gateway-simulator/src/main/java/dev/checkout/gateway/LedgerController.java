package dev.checkout.gateway;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/ledger}: the oracle. Never subject to faults. */
@RestController
final class LedgerController {

    private final Ledger ledger;
    private final JsonBodies bodies;

    LedgerController(Ledger ledger, JsonBodies bodies) {
        this.ledger = ledger;
        this.bodies = bodies;
    }

    @GetMapping("/v1/ledger")
    ResponseEntity<byte[]> ledger() {
        return bodies.entity(200, LedgerBody.of(ledger.snapshot()));
    }
}
