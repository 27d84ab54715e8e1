package dev.checkout.order.flashsale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

import dev.checkout.platform.core.DomainModel;

/**
 * How fast a sale's queue really moves: tickets admitted a second over the last rounds that had units to hand out.
 * Admission goes at the pace inventory answers (no more holds waiting than {@code max-reserving}), which can be far
 * below the configured batches; the waiting room's ETA uses this pace so a customer is told the wait there is, not the
 * wait there would be. Rounds with no free units do not count: then the queue waits for tokens to lapse, which the ETA
 * counts apart. Not thread-safe: one admission job runs a sale's rounds at a time.
 */
@DomainModel
final class AdmissionPace {

    private record RoundAdmitted(Instant at, int tickets) {
    }

    private final Duration window;
    private final Deque<RoundAdmitted> rounds = new ArrayDeque<>();

    AdmissionPace(Duration window) {
        this.window = window;
    }

    /** A round at {@code at} admitted {@code tickets}; {@code hadUnits} false when nothing was free to hand out. */
    void record(Instant at, int tickets, boolean hadUnits) {
        while (!rounds.isEmpty() && rounds.peekFirst().at().isBefore(at.minus(window))) {
            rounds.removeFirst();
        }
        if (hadUnits) {
            rounds.addLast(new RoundAdmitted(at, tickets));
        }
    }

    /**
     * Tickets a second since the first of the window's counted rounds; empty until the rounds span a second or more, and while every
     * counted round admitted nobody the pace is the smallest there is (one ticket over the window), never zero.
     */
    OptionalDouble ticketsPerSecond(Instant now) {
        if (rounds.isEmpty() || Duration.between(rounds.peekFirst().at(), now).compareTo(Duration.ofSeconds(1)) < 0) {
            return OptionalDouble.empty();
        }
        // The first round's tickets came in at its start: what came after it, over the time since.
        int tickets = rounds.stream().skip(1).mapToInt(RoundAdmitted::tickets).sum();
        double seconds = Duration.between(rounds.peekFirst().at(), now).toMillis() / 1000.0;
        return OptionalDouble.of(Math.max(1, tickets) / seconds);
    }
}
