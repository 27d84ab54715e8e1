package dev.checkout.gateway;

import java.io.IOException;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every body with the simulator's own mapper, as bytes, so what the API sends never depends on how the
 * surrounding application configures JSON, and a replay sends exactly the bytes the first answer had.
 */
@Component
final class JsonBodies {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final JsonMapper mapper;

    JsonBodies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    ResponseEntity<byte[]> entity(int status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(mapper.writeValueAsBytes(body));
    }

    void write(HttpServletResponse response, RecordedAnswer answer) throws IOException {
        if (answer.replayed()) {
            response.setHeader(REPLAYED_HEADER, "true");
        }
        write(response, answer.status(), mapper.writeValueAsBytes(answer.body()));
    }

    /** The malformed fault: a 200 whose body is the first half of the real one (no prefix of an object is JSON). */
    void writeMalformed(HttpServletResponse response, RecordedAnswer answer) throws IOException {
        byte[] json = mapper.writeValueAsBytes(answer.body());
        write(response, 200, Arrays.copyOf(json, json.length / 2));
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
