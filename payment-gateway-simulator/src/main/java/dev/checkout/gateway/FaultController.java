package dev.checkout.gateway;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

/** {@code /sim/faults}: how tests switch the network's misbehaviour on and off. */
@RestController
@RequestMapping("/sim/faults")
final class FaultController {

    private final FaultSwitches switches;
    private final JsonBodies bodies;
    private final JsonMapper mapper;

    FaultController(FaultSwitches switches, JsonBodies bodies, JsonMapper mapper) {
        this.switches = switches;
        this.bodies = bodies;
        this.mapper = mapper;
    }

    @GetMapping
    ResponseEntity<byte[]> current() {
        return bodies.entity(200, switches.current());
    }

    /** Replaces all switches at once: one left out is off, so a test states the whole fault it wants. */
    @PutMapping
    ResponseEntity<byte[]> set(HttpServletRequest request) throws IOException {
        return bodies.entity(200, switches.set(Faults.from(RequestParams.read(mapper, request))));
    }

    @DeleteMapping
    ResponseEntity<byte[]> clear() {
        return bodies.entity(200, switches.set(Faults.NONE));
    }
}
