package dev.checkout.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the clients asked and what they were told, in the style of Jepsen histories: every call is invoked, then
 * ends OK (a definite answer), FAIL (definitely not done: refused, or never reached the server) or UNKNOWN (no usable
 * answer: the server may or may not have acted).
 */
final class History {

    enum Outcome { OK, FAIL, UNKNOWN }

    /** A request that would create an order, as the client made it. */
    record Submission(String operation, String userId, String idempotencyKey, String bodyFingerprint, Outcome outcome, int status,
                      String code, String orderId, boolean replayed, String responseBody) {
    }

    private final List<Submission> submissions = Collections.synchronizedList(new ArrayList<>());

    void record(Submission submission) {
        submissions.add(submission);
    }

    List<Submission> submissions() {
        synchronized (submissions) {
            return List.copyOf(submissions);
        }
    }

    long count(Outcome outcome) {
        return submissions().stream().filter(s -> s.outcome() == outcome).count();
    }
}
