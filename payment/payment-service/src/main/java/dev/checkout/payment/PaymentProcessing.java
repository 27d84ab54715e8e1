package dev.checkout.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

import dev.checkout.payment.PaymentServiceConfiguration.PaymentMessaging;
import dev.checkout.payment.api.ChargePayment;
import dev.checkout.payment.api.PaymentFailed;
import dev.checkout.payment.api.PaymentProcessed;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.platform.core.Backoff;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.GroupCommit;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.messaging.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charging orders. A charge command records the payment with its first attempt claimed (in the
 * transaction that consumes it); the gateway is called afterwards on the gateway pool, and its answer is recorded, with
 * the event announcing it, in a transaction shared with the other answers that came in meanwhile. Work lost to a crash
 * or a full pool, and outcomes still unknown, are picked up again by {@link PaymentResolver} from what the database
 * says is unresolved and due. Refunds are {@link PaymentRefunds}'.
 */
@Service
class PaymentProcessing {

    private static final Logger log = LoggerFactory.getLogger(PaymentProcessing.class);

    private final Payments payments;
    private final PaymentGateway gateway;
    private final PaymentRefunds refunds;
    private final PaymentMessaging messaging;
    private final TransactionTemplate transactions;
    private final GatewayWork gatewayWork;
    private final GroupCommit outcomes;
    private final Backoff backoff;
    private final MeterRegistry meters;
    private final Clock clock;

    PaymentProcessing(Payments payments, PaymentGateway gateway, PaymentRefunds refunds, PaymentMessaging messaging,
                      TransactionTemplate transactions, GatewayWork gatewayWork, @Qualifier("paymentOutcomes") GroupCommit outcomes,
                      PaymentProperties properties, MeterRegistry meters, Clock clock) {
        this.payments = payments;
        this.gateway = gateway;
        this.refunds = refunds;
        this.messaging = messaging;
        this.transactions = transactions;
        this.gatewayWork = gatewayWork;
        this.outcomes = outcomes;
        this.backoff = properties.backoff();
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Runs in the consuming transaction: records the payment (once per order) and starts the charge. A resent command
     * gets the outcome again once it is known; while it is not, the attempt under way (or the resolver) will announce it.
     */
    void requestCharge(ChargePayment command, InboundMessage cause) {
        Optional<Payment> existing = payments.lockByOrder(command.orderId());
        if (existing.isEmpty() && payments.isClosed(command.orderId())) {
            // The saga gave up on the order before this command was handled (a replayed dead letter, a slow partition).
            reply(cause, command.orderId(), new PaymentFailed(command.orderId(), null, "order_closed",
                    "the order ended before it was charged; nothing was charged"));
            return;
        }
        if (existing.isEmpty()) {
            Payment payment = Payment.initiate(Ids.newId("pay"), command.orderId(), command.userId(), Money.of(command.amount()),
                    command.currency(), command.paymentMethod().type(), command.paymentMethod().cardToken(),
                    clock.instant().plus(backoff.first()));
            // The first attempt is claimed with the payment itself: no transaction of its own before the call.
            payment.startAttempt(clock.instant(), gateway.longestCall(), backoff);
            if (payments.addIfAbsent(payment)) {
                afterCommit("charge of " + payment.orderId(), () -> call(payment));
                return;
            }
            existing = payments.lockByOrder(command.orderId());
        }
        Payment payment = existing.orElseThrow();
        if (!payment.awaitsGateway()) {
            announceOutcome(payment, cause);
        }
    }

    /** One attempt at the gateway with the order's charge key. Safe to run twice at once: the key makes it one charge. */
    void attempt(String paymentId) {
        Payment started = transactions.execute(status -> {
            Payment payment = payments.lock(paymentId).orElse(null);
            if (payment == null || !payment.startAttempt(clock.instant(), gateway.longestCall(), backoff)) {
                return null;
            }
            payments.update(payment);
            return payment;
        });
        if (started != null) {
            call(started);
        }
    }

    /** Calls the gateway for an attempt already claimed, and has the answer recorded with others that came in together. */
    private void call(Payment started) {
        PaymentGateway.Outcome outcome = gateway.charge(started.idempotencyKey(), Money.toMinorUnits(started.amount()),
                started.currency(), started.cardToken(), started.orderId());
        CrashPoints.reach("payment.after-gateway-charge");
        outcomes.submit(messaging.inThisContext(() -> payments.lock(started.paymentId()).filter(Payment::awaitsGateway).ifPresent(payment -> {
            record(payment, outcome);
            payments.update(payment);
            for (PaymentEvent event : payment.takeEvents()) {
                messaging.announce(payment.orderId(), toMessage(event), null);
            }
            if (payment.refundRequested()) {
                settleDeferredRefund(payment);
            }
        })));
    }

    private void record(Payment payment, PaymentGateway.Outcome outcome) {
        switch (outcome) {
            case PaymentGateway.Outcome.Succeeded charge -> payment.captured(charge.id(), charge.last4(), charge.brand());
            case PaymentGateway.Outcome.Declined declined -> payment.declined(
                    "insufficient_funds".equals(declined.code()) ? "insufficient_funds" : "payment_declined");
            case PaymentGateway.Outcome.Unavailable unavailable -> {
                log.warn("the gateway did not charge {} ({}); {}", payment.orderId(), unavailable.detail(),
                        payment.status() == Payment.Status.INITIATED ? "the payment fails" : "an earlier attempt may have, so it is sent again");
                payment.gatewayUnavailable(clock.instant(), backoff);
            }
            case PaymentGateway.Outcome.Unknown unknown -> {
                log.warn("outcome of the charge for {} is unknown ({}); it will be sent again with the same key",
                        payment.orderId(), unknown.detail());
                payment.outcomeUnknown(clock.instant(), backoff);
            }
        }
        meters.counter("checkout.payment.attempts", "outcome", switch (payment.status()) {
            case CAPTURED -> "captured";
            case FAILED -> payment.failureReason();
            default -> "pending";
        }).increment();
    }

    /** A full refund was asked for while the outcome was unknown; now it is known. */
    private void settleDeferredRefund(Payment payment) {
        if (payment.refundable().signum() > 0) {
            refunds.startRefund(payment, payment.refundable(), null, PaymentRefunds.DEFERRED_REFUND);
        } else if (payment.status() == Payment.Status.FAILED) {
            // Nothing was taken, so nothing goes back: the asker learns it now rather than when it asks again.
            messaging.announce(payment.orderId(), new PaymentRefunded(payment.orderId(), payment.paymentId(), null, Money.zero(),
                    Money.zero(), payment.currency()), null);
        }
    }

    /** Domain events of a payment as the messages that announce them. */
    private static Object toMessage(PaymentEvent event) {
        Payment payment = event.payment();
        return switch (event) {
            case PaymentEvent.Captured captured -> new PaymentProcessed(payment.orderId(), payment.paymentId(), payment.amount(),
                    payment.currency(), payment.gatewayChargeId(), payment.cardLast4());
            case PaymentEvent.Failed failed -> new PaymentFailed(payment.orderId(), payment.paymentId(), payment.failureReason(), null);
        };
    }

    /** Tells a resent command the outcome it already had. */
    private void announceOutcome(Payment payment, InboundMessage cause) {
        switch (payment.status()) {
            case CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> reply(cause, payment.orderId(), new PaymentProcessed(payment.orderId(),
                    payment.paymentId(), payment.amount(), payment.currency(), payment.gatewayChargeId(), payment.cardLast4()));
            case FAILED -> reply(cause, payment.orderId(), new PaymentFailed(payment.orderId(), payment.paymentId(),
                    payment.failureReason(), null));
            default -> {
            }
        }
    }

    private void reply(InboundMessage cause, String orderId, Object event) {
        messaging.announce(orderId, event, cause);
    }

    private void afterCommit(String what, Runnable work) {
        gatewayWork.submitAfterCommit(what, messaging.inThisContext(work)); // taken now: after the commit the message's span is closed
    }
}
