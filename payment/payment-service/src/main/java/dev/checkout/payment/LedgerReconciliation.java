package dev.checkout.payment;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.checkout.order.api.OrderStanding;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.InternalApi;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * Matches every charge in the gateway's ledger to an order, or gives it back. Every
 * {@code checkout.payment.reconciliation.interval}, on one instance at a time, the charges created in the last
 * {@code lookback} (but not the last {@code grace}, which the saga is still deciding about) are read from the gateway
 * and each is settled:
 * <ul>
 * <li>made by one of our payments, whose order is CONFIRMED or later: matched, for good (its money only goes back
 * through a refund the order asks for);</li>
 * <li>made by one of our payments, whose order ended (FAILED, CANCELLED) or does not exist, with nothing being given
 * back: refunded in full, through the payment's refunds like any other;</li>
 * <li>made by no payment of ours (or by one that records another charge or a failure): refunded at the gateway
 * directly;</li>
 * <li>anything still moving (an order in its saga, an outcome being resolved, a refund under way): left for the next
 * run.</li>
 * </ul>
 * The order service is the authority on orders and is asked through its internal API; when it cannot be asked, the
 * run stops and the next one starts over.
 */
@Component
class LedgerReconciliation {

    private static final Logger log = LoggerFactory.getLogger(LedgerReconciliation.class);

    private final PaymentGateway gateway;
    private final Payments payments;
    private final PaymentRefunds refunds;
    private final InternalApi services;
    private final PaymentProperties.Reconciliation settings;
    private final MeterRegistry meters;
    private final Clock clock;

    LedgerReconciliation(PaymentGateway gateway, Payments payments, PaymentRefunds refunds, InternalApi services,
                         PaymentProperties properties, MeterRegistry meters, Clock clock) {
        this.gateway = gateway;
        this.payments = payments;
        this.refunds = refunds;
        this.services = services;
        this.settings = properties.reconciliation();
        this.meters = meters;
        this.clock = clock;
    }

    /** What one run did with the charges it looked at. */
    record Summary(int looked, int matched, int refunded, int unknownRefunded, int leftForLater) {
    }

    @Scheduled(fixedDelayString = "${checkout.payment.reconciliation.interval:5m}",
            initialDelayString = "${checkout.payment.reconciliation.interval:5m}")
    @SchedulerLock(name = "payment-ledger-reconciliation", lockAtMostFor = JobLocks.HOLD_TEXT)
    void reconcileOnSchedule() {
        try {
            Summary summary = reconcile();
            if (summary.refunded() + summary.unknownRefunded() > 0) {
                log.warn("ledger reconciliation: {}", summary);
            } else {
                log.debug("ledger reconciliation: {}", summary);
            }
        } catch (IllegalStateException | RestClientException e) {
            log.warn("ledger reconciliation stopped, the next run starts over: {}", e.toString());
        }
    }

    Summary reconcile() {
        Instant now = clock.instant();
        Instant from = now.minus(settings.lookback());
        Instant to = now.minus(settings.grace());
        int looked = 0;
        int matched = 0;
        int refunded = 0;
        int unknownRefunded = 0;
        int leftForLater = 0;
        String after = null;
        PaymentGateway.LedgerPage page;
        do {
            JobLocks.stillWorking();
            page = gateway.chargesCreated(from, to, after);
            List<PaymentGateway.LedgerCharge> charges = page.charges();
            if (charges.isEmpty()) {
                break;
            }
            after = charges.getLast().id();
            Set<String> settled = payments.reconciled(charges.stream().map(PaymentGateway.LedgerCharge::id).toList());
            for (PaymentGateway.LedgerCharge charge : charges) {
                if (charge.refundable() <= 0 || settled.contains(charge.id())) {
                    continue; // declined, refunded in full, or settled by an earlier run
                }
                looked++;
                switch (settle(charge)) {
                    case MATCHED -> matched++;
                    case REFUNDED -> refunded++;
                    case REFUNDED_UNKNOWN_CHARGE -> unknownRefunded++;
                    case LEFT_FOR_LATER -> leftForLater++;
                }
            }
        } while (page.hasMore());
        return new Summary(looked, matched, refunded, unknownRefunded, leftForLater);
    }

    private enum Outcome { MATCHED, REFUNDED, REFUNDED_UNKNOWN_CHARGE, LEFT_FOR_LATER }

    private Outcome settle(PaymentGateway.LedgerCharge charge) {
        Optional<Payment> found = charge.idempotencyKey() == null ? Optional.empty() : payments.byIdempotencyKey(charge.idempotencyKey());
        if (found.isPresent() && found.get().awaitsGateway()) {
            return count(Outcome.LEFT_FOR_LATER); // the resolver is learning this very outcome
        }
        if (found.isEmpty() || found.get().status() == Payment.Status.FAILED
                || (found.get().gatewayChargeId() != null && !found.get().gatewayChargeId().equals(charge.id()))) {
            return refundUnknown(charge, found);
        }
        Payment payment = found.get();
        Optional<OrderStanding> order = services.get("order", OrderStanding.PATH, OrderStanding.ABSENT, OrderStanding.class, payment.orderId());
        if (order.isPresent() && order.get().confirmedOrLater()) {
            if (order.get().totalAmount() != null && Money.of(order.get().totalAmount()).compareTo(payment.amount()) != 0) {
                log.error("charge {} of order {} is {} but the order's total is {}; an operator has to settle the difference",
                        charge.id(), payment.orderId(), payment.amount(), order.get().totalAmount());
                meters.counter("checkout.payment.reconciliation.amount-mismatches").increment();
            }
            payments.markReconciled(charge.id(), payment.orderId(), Outcome.MATCHED.name());
            return count(Outcome.MATCHED);
        }
        if (order.isPresent() && !order.get().ended()) {
            return count(Outcome.LEFT_FOR_LATER); // the order is still in its saga
        }
        if (!refunds.refundLeftover(payment.orderId())) {
            return count(Outcome.LEFT_FOR_LATER); // a refund is under way; the next run sees it made
        }
        log.warn("charge {} stood for order {}, which {}: refunding it", charge.id(), payment.orderId(),
                order.map(o -> "is " + o.status()).orElse("does not exist"));
        payments.markReconciled(charge.id(), payment.orderId(), Outcome.REFUNDED.name());
        return count(Outcome.REFUNDED);
    }

    private Outcome refundUnknown(PaymentGateway.LedgerCharge charge, Optional<Payment> payment) {
        PaymentGateway.Outcome outcome = refunds.refundUnknownCharge(charge);
        if (!(outcome instanceof PaymentGateway.Outcome.Succeeded made)) {
            log.error("charge {} (order {}) belongs to no payment of ours{} and could not be refunded: {}", charge.id(),
                    charge.orderId(), payment.map(p -> " (payment " + p.paymentId() + " is " + p.status() + ")").orElse(""), outcome);
            return count(Outcome.LEFT_FOR_LATER);
        }
        log.error("charge {} (order {}) belonged to no payment of ours{}: refunded in full as {}", charge.id(), charge.orderId(),
                payment.map(p -> " (payment " + p.paymentId() + " is " + p.status() + ")").orElse(""), made.id());
        payments.markReconciled(charge.id(), charge.orderId(), Outcome.REFUNDED_UNKNOWN_CHARGE.name());
        return count(Outcome.REFUNDED_UNKNOWN_CHARGE);
    }

    private Outcome count(Outcome outcome) {
        meters.counter("checkout.payment.reconciliation.charges", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return outcome;
    }
}
