package dev.checkout.gateway;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sim/requests}: {@code {charges, refunds}}, the writing requests received since start. */
@RestController
final class RequestCountController {

    private final RequestCounts counts;
    private final JsonBodies bodies;

    RequestCountController(RequestCounts counts, JsonBodies bodies) {
        this.counts = counts;
        this.bodies = bodies;
    }

    @GetMapping("/sim/requests")
    ResponseEntity<byte[]> requests() {
        return bodies.entity(200, counts.snapshot());
    }
}
