package dev.checkout.gateway;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/** The fault switches in force; they live in memory only, so a restarted simulator starts healthy. */
@Component
final class FaultSwitches {

    private final AtomicReference<Faults> current = new AtomicReference<>(Faults.NONE);

    Faults current() {
        return current.get();
    }

    Faults set(Faults faults) {
        current.set(faults);
        return faults;
    }

    /** One independent draw: true with probability {@code rate}. */
    static boolean strikes(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
