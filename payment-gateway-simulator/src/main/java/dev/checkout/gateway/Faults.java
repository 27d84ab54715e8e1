package dev.checkout.gateway;

import java.util.Set;

/**
 * The fault switches, each applied to every {@code POST /v1/charges} and {@code POST /v1/refunds} with its own random
 * draw (never to reads, which tests use as their oracle).
 *
 * @param errorRate                   answer 503 without recording anything
 * @param latencyMs                   delay before handling
 * @param dropResponseAfterCommitRate record, then drop the connection: the caller cannot know the money moved
 * @param malformedRate               record, then answer 200 with a body that is not JSON
 * @param resetRate                   drop the connection before recording anything
 */
record Faults(double errorRate, long latencyMs, double dropResponseAfterCommitRate, double malformedRate,
        double resetRate) {

    static final Faults NONE = new Faults(0, 0, 0, 0, 0);
    static final long MAX_LATENCY_MS = 600_000;

    private static final Set<String> PARAMETERS =
            Set.of("error_rate", "latency_ms", "drop_response_after_commit_rate", "malformed_rate", "reset_rate");

    /** Reads a {@code PUT /sim/faults} body; every switch left out is off. */
    static Faults from(RequestParams params) {
        params.allowOnly(PARAMETERS);
        return new Faults(params.rate("error_rate"), params.boundedLong("latency_ms", MAX_LATENCY_MS),
                params.rate("drop_response_after_commit_rate"), params.rate("malformed_rate"),
                params.rate("reset_rate"));
    }
}
