package dev.checkout.order.checkout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.checkout.platform.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import dev.checkout.order.OrderProperties;

/**
 * The door of checkout work: an order is accepted only while the platform can finish it in time, so an accepted order
 * is never failed for want of time however hard a flash sale pushes. Each accepted order holds a permit of an adaptive
 * concurrency limit (Netflix's concurrency-limits: AIMD on the time from acceptance to the end of the order's saga,
 * against {@code checkout.orders.admission.target}) until its saga ends. Past the limit, new work is refused with 503
 * {@code overloaded} and {@code Retry-After} before anything is written; the limit shrinks while sagas take longer
 * than the target and grows back while they keep up.
 * <p>
 * A saga usually ends in this process and returns its permit at once; one that ends in another instance is found by a
 * sweep of the still-held orders' statuses.
 */
@Component
public class CheckoutAdmission {

    private static final Limiter.Listener UNLIMITED = new Limiter.Listener() {
        @Override
        public void onSuccess() {
        }

        @Override
        public void onIgnore() {
        }

        @Override
        public void onDropped() {
        }
    };

    private final OrderProperties.Admission settings;
    private final SimpleLimiter<Void> limiter;
    private final JdbcClient jdbc;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Counter refused;
    /** Permits of invited work taken past the limit ({@link #admitInvited}), not yet given back. */
    private final AtomicInteger beyondLimit = new AtomicInteger();

    CheckoutAdmission(OrderProperties properties, JdbcClient jdbc, MeterRegistry meters) {
        this.settings = properties.admission();
        this.jdbc = jdbc;
        this.limiter = SimpleLimiter.newBuilder()
                .named("checkout")
                .limit(AIMDLimit.newBuilder()
                        .initialLimit(settings.initialLimit()).minLimit(settings.minLimit()).maxLimit(settings.maxLimit())
                        .backoffRatio(settings.backoffRatio())
                        .timeout(settings.target().toNanos(), TimeUnit.NANOSECONDS)
                        .build())
                .build();
        this.refused = Counter.builder("checkout.admission.refused").description("checkout requests refused as overloaded").register(meters);
        Gauge.builder("checkout.admission.limit", limiter, SimpleLimiter::getLimit)
                .description("orders that may be in their saga at once").register(meters);
        Gauge.builder("checkout.admission.in_flight", limiter, SimpleLimiter::getInflight)
                .description("accepted orders whose saga has not ended").register(meters);
    }

    /** Takes a permit for one piece of checkout work, or refuses it as overloaded. */
    public Permit admit() {
        if (!settings.enabled()) {
            return new Permit(UNLIMITED);
        }
        // Invited work let in past the limit takes room the limiter does not know of.
        Optional<Limiter.Listener> listener = beyondLimit.get() > 0 && room() == 0 ? Optional.empty() : limiter.acquire(null);
        return listener.map(Permit::new).orElseThrow(() -> {
            refused.increment();
            return ApiException.unavailable("overloaded",
                    "The shop is taking more orders than it can finish in time; nothing was done, try again shortly",
                    settings.retryAfter());
        });
    }

    /**
     * Takes a permit for work this door invited in ({@link #room()}): a flash sale's customer ordering with a purchase
     * token, which admission handed out against the door's room and whose life runs while the customer waits. Refused,
     * the customer retried until the token lapsed (bench flash-sale, 2,000 units, 10-second tokens: 2,759 refusals, and
     * 323 holds lapsing within ten seconds while orders stalled), its units going round the queue again. Past the limit
     * it is let in all the same and counted, which keeps the room shut for others (new tickets, other orders) until the
     * work ends; how much comes this way is bounded by what admission invited.
     */
    public Permit admitInvited() {
        if (!settings.enabled()) {
            return new Permit(UNLIMITED);
        }
        return limiter.acquire(null).map(Permit::new).orElseGet(() -> {
            beyondLimit.incrementAndGet();
            return new Permit(new BeyondLimit());
        });
    }

    /**
     * How many more pieces of checkout work the door would let in now (its limit less the work in flight), for those
     * who invite work in, as a flash sale's waiting room does: inviting more than this only has it refused.
     */
    public int room() {
        if (!settings.enabled()) {
            return Integer.MAX_VALUE;
        }
        return Math.max(0, limiter.getLimit() - limiter.getInflight() - beyondLimit.get());
    }

    /**
     * How many pieces of work those who invite it may invite now (a flash sale's admission round): a whole limit while
     * the door is within it, less whatever is in flight past it, none once a second limit's worth is. Invitations
     * arrive over the seconds their guests take to come, so inviting only the {@link #room()} left kept the door
     * under-used, and its AIMD limit grows only while at least half of it is used: the limit settled where sagas were
     * quick, and admission with it (bench flash-sale: 10 to 12 orders a second while the same platform confirmed 32 a
     * second closed loop). A door past its limit still slows invitations at once; a slow checkout shrinks the limit.
     */
    public int invitable() {
        if (!settings.enabled()) {
            return Integer.MAX_VALUE;
        }
        int limit = limiter.getLimit();
        int inFlight = limiter.getInflight() + beyondLimit.get();
        return Math.max(0, Math.min(limit, 2 * limit - inFlight));
    }

    /** The most pieces of checkout work the door lets in at once now (it adapts), for those who pace work to it. */
    public int limit() {
        return settings.enabled() ? limiter.getLimit() : Integer.MAX_VALUE;
    }

    /**
     * The listener of a permit taken past the limit: the limiter never counted it, so only the count goes back. A
     * permit calls its listener once (its release is settled once; a held one leaves {@code held} when it is called).
     */
    private final class BeyondLimit implements Limiter.Listener {
        @Override
        public void onSuccess() {
            beyondLimit.decrementAndGet();
        }

        @Override
        public void onIgnore() {
            beyondLimit.decrementAndGet();
        }

        @Override
        public void onDropped() {
            beyondLimit.decrementAndGet();
        }
    }

    /** A permit taken at the door, given back when the work it admitted ends. */
    public final class Permit {
        private final Limiter.Listener listener;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Permit(Limiter.Listener listener) {
            this.listener = listener;
        }

        /**
         * The work placed order {@code orderId} in the current transaction: once that commits, the permit is held
         * until the order's saga ends; if it rolls back, the permit goes back unused.
         */
        public void heldBy(String orderId) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED && settled.compareAndSet(false, true)) {
                        held.put(orderId, new Held(listener, System.nanoTime()));
                    } else {
                        release();
                    }
                }
            });
        }

        /** The work ended without placing anything (refused, replayed, failed): the permit goes back unused. */
        public void release() {
            if (settled.compareAndSet(false, true)) {
                listener.onIgnore();
            }
        }

        /** Work that is over when its request is (it starts no saga): the permit goes back as a sample of its time. */
        void done() {
            if (settled.compareAndSet(false, true)) {
                listener.onSuccess();
            }
        }
    }

    /** The order's saga ended in the current transaction: its permit goes back once that commits. */
    public void sagaEnded(String orderId) {
        if (held.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    giveBack(orderId);
                }
            });
        } else {
            giveBack(orderId);
        }
    }

    private void giveBack(String orderId) {
        Held permit = held.remove(orderId);
        if (permit != null) {
            permit.listener().onSuccess();
        }
    }

    /**
     * Gives back the permits of orders whose saga ended in another instance (or whose end this instance missed), and
     * drops those held for longer than any saga may take.
     */
    @Scheduled(fixedDelayString = "${checkout.orders.admission.sweep-interval:PT1S}")
    void sweep() {
        long now = System.nanoTime();
        List<String> waiting = held.entrySet().stream()
                .filter(e -> now - e.getValue().since() > settings.target().toNanos())
                .map(Map.Entry::getKey).toList();
        if (waiting.isEmpty()) {
            return;
        }
        jdbc.sql("select order_id from orders.orders where order_id = any(:ids) and status <> 'PENDING'")
                .param("ids", waiting.toArray(String[]::new)).query(String.class).list()
                .forEach(this::giveBack);
        held.entrySet().removeIf(e -> {
            boolean stale = now - e.getValue().since() > settings.abandonAfter().toNanos();
            if (stale) {
                e.getValue().listener().onDropped();
            }
            return stale;
        });
    }

    private record Held(Limiter.Listener listener, long since) {
    }
}
