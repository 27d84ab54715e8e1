package dev.checkout.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

import dev.checkout.payment.PaymentServiceConfiguration.PaymentMessaging;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.RefundFailed;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.platform.core.Backoff;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.messaging.InboundMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunding orders. A refund command records the refund (in the transaction that consumes it); the gateway is called
 * after the commit on the gateway pool, with the refund's own idempotency key, and its answer is recorded, with the
 * event announcing it, in a transaction of its own. Refunds lost to a crash or a full pool are picked up again by
 * {@link PaymentResolver}; the ledger reconciliation gives back charges whose order ended.
 */
@Service
class PaymentRefunds {

    /** The reason of the refund made for a full refund asked for while the charge's outcome was still unknown. */
    static final String DEFERRED_REFUND = "compensation";

    /** The reason of a refund the ledger reconciliation makes for a charge whose order ended or never was. */
    static final String RECONCILIATION_REFUND = "reconciliation";

    private static final Logger log = LoggerFactory.getLogger(PaymentRefunds.class);

    private final Payments payments;
    private final PaymentGateway gateway;
    private final PaymentMessaging messaging;
    private final TransactionTemplate transactions;
    private final GatewayWork gatewayWork;
    private final Backoff backoff;
    private final Clock clock;

    PaymentRefunds(Payments payments, PaymentGateway gateway, PaymentMessaging messaging, TransactionTemplate transactions,
                   GatewayWork gatewayWork, PaymentProperties properties, Clock clock) {
        this.payments = payments;
        this.gateway = gateway;
        this.messaging = messaging;
        this.transactions = transactions;
        this.gatewayWork = gatewayWork;
        this.backoff = properties.backoff();
        this.clock = clock;
    }

    /**
     * Runs in the consuming transaction. A full refund ({@code amount} null) gives back whatever is left, now, or as soon
     * as an unknown outcome turns out to be a capture; a partial one needs a captured payment. The same request sent
     * again (same order, reason and amount) is the same refund and gets the same answer.
     */
    void requestRefund(RefundPayment command, InboundMessage cause) {
        Payment payment = payments.lockByOrder(command.orderId()).orElse(null);
        if (payment == null) {
            payments.close(command.orderId(), "refund_before_charge"); // a charge command still on its way is refused
        }
        if (payment == null || payment.status() == Payment.Status.FAILED) {
            reply(cause, command.orderId(), new PaymentRefunded(command.orderId(), payment == null ? null : payment.paymentId(),
                    null, Money.zero(), Money.zero(), payment == null ? null : payment.currency(), command.reason()));
            return;
        }
        BigDecimal askedFor = command.amount() == null ? null : Money.of(command.amount());
        if (askedFor != null && askedFor.signum() <= 0) {
            reply(cause, command.orderId(), new RefundFailed(command.orderId(), "invalid_amount", command.reason()));
            return;
        }
        if (payment.awaitsGateway()) {
            if (askedFor == null) {
                payment.requestFullRefund();
                payments.update(payment);
            } else {
                reply(cause, command.orderId(), new RefundFailed(command.orderId(), "payment_not_captured", command.reason()));
            }
            return;
        }
        String reason = command.reason() == null || command.reason().isBlank() ? "refund" : command.reason();
        Optional<Refund> same = payments.refundWithKey(Refund.key(payment.orderId(), reason, askedFor));
        if (same.isPresent()) {
            answerAgain(same.get(), payment, cause);
            return;
        }
        BigDecimal inFlight = payments.refundsInFlight(payment.paymentId());
        BigDecimal open = payment.refundable().subtract(inFlight);
        if (askedFor != null && askedFor.compareTo(open) > 0) {
            reply(cause, command.orderId(), new RefundFailed(command.orderId(), "refund_exceeds_captured", command.reason()));
        } else if (askedFor != null || open.signum() > 0) {
            startRefund(payment, askedFor != null ? askedFor : open, askedFor, reason);
        } else if (inFlight.signum() == 0) {
            reply(cause, command.orderId(), new PaymentRefunded(payment.orderId(), payment.paymentId(), null, Money.zero(),
                    payment.amountRefunded(), payment.currency(), reason));
        }
        // else everything left is being given back already; that refund announces itself when made.
    }

    private void answerAgain(Refund refund, Payment payment, InboundMessage cause) {
        switch (refund.status()) {
            case PROCESSED -> reply(cause, payment.orderId(), new PaymentRefunded(payment.orderId(), payment.paymentId(),
                    refund.refundId(), refund.amount(), payment.amountRefunded(), payment.currency(), refund.reason()));
            case FAILED -> reply(cause, payment.orderId(), new RefundFailed(payment.orderId(), refund.failureReason(), refund.reason()));
            case PENDING -> {
                // Under way: it announces itself when made.
            }
        }
    }

    /** Starts a refund of {@code amount} of the payment, unless the same one (by its key) was started before. */
    void startRefund(Payment payment, BigDecimal amount, BigDecimal askedFor, String reason) {
        Refund refund = Refund.request(Ids.newId("re"), payment, amount, askedFor, reason, clock.instant().plus(backoff.first()));
        if (payments.addRefundIfAbsent(refund)) {
            afterCommit("refund " + refund.refundId(), () -> attemptRefund(refund.refundId()));
        }
    }

    /**
     * Gives back what is left of the order's captured payment, unless a refund is already under way: the order ended
     * (or never existed) and its charge still stands. Returns whether a refund was started.
     */
    boolean refundLeftover(String orderId) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Payment payment = payments.lockByOrder(orderId).orElse(null);
            if (payment == null || payment.awaitsGateway() || payment.refundable().signum() <= 0
                    || payments.refundsInFlight(payment.paymentId()).signum() > 0) {
                return false;
            }
            Refund refund = Refund.request(Ids.newId("re"), payment, payment.refundable(), null, RECONCILIATION_REFUND,
                    clock.instant().plus(backoff.first()));
            if (!payments.addRefundIfAbsent(refund)) {
                return false; // the reconciliation gave this order's money back before
            }
            afterCommit("refund " + refund.refundId(), () -> attemptRefund(refund.refundId()));
            return true;
        }));
    }

    /**
     * Gives back a charge no payment of ours made or kept (nothing here records it, so no refund row can either): the
     * gateway's idempotency key, derived from the charge, makes it one refund however often it is asked for.
     */
    PaymentGateway.Outcome refundUnknownCharge(PaymentGateway.LedgerCharge charge) {
        return gateway.refund("reconciliation:" + charge.id(), charge.id(), charge.refundable());
    }

    /** One attempt at the gateway with the refund's key; safe to repeat. */
    void attemptRefund(String refundId) {
        Refund started = transactions.execute(status -> {
            Refund refund = payments.lockRefund(refundId).orElse(null);
            if (refund == null || !refund.startAttempt(clock.instant(), gateway.longestCall(), backoff)) {
                return null;
            }
            payments.update(refund);
            return refund;
        });
        if (started == null) {
            return;
        }
        String chargeId = payments.byId(started.paymentId()).map(Payment::gatewayChargeId).orElseThrow();
        PaymentGateway.Outcome outcome = gateway.refund(started.idempotencyKey(), chargeId, Money.toMinorUnits(started.amount()));
        CrashPoints.reach("payment.after-gateway-refund");
        transactions.executeWithoutResult(status -> payments.lockRefund(refundId)
                .filter(refund -> refund.status() == Refund.Status.PENDING)
                .ifPresent(refund -> {
                    switch (outcome) {
                        case PaymentGateway.Outcome.Succeeded made -> {
                            refund.made(made.id());
                            Payment payment = payments.lock(refund.paymentId()).orElseThrow();
                            payment.refunded(refund.amount());
                            payments.update(payment);
                            messaging.announce(payment.orderId(), new PaymentRefunded(payment.orderId(), payment.paymentId(), refund.refundId(),
                                    refund.amount(), payment.amountRefunded(), payment.currency(), refund.reason()), null);
                        }
                        case PaymentGateway.Outcome.Declined refused -> {
                            log.error("the gateway refused refund {} of order {}: {}; an operator has to settle it",
                                    refundId, refund.orderId(), refused.code());
                            refund.refused(refused.code());
                            messaging.announce(refund.orderId(), new RefundFailed(refund.orderId(), refused.code(), refund.reason()), null);
                        }
                        case PaymentGateway.Outcome.Unavailable unavailable -> {
                            log.warn("refund {} not made yet: {}", refundId, unavailable.detail());
                            refund.notMadeYet(clock.instant(), backoff);
                        }
                        case PaymentGateway.Outcome.Unknown unknown -> {
                            log.warn("outcome of refund {} unknown ({}); it will be sent again with the same key", refundId, unknown.detail());
                            refund.notMadeYet(clock.instant(), backoff);
                        }
                    }
                    payments.update(refund);
                }));
    }

    private void reply(InboundMessage cause, String orderId, Object event) {
        messaging.announce(orderId, event, cause);
    }

    private void afterCommit(String what, Runnable work) {
        gatewayWork.submitAfterCommit(what, messaging.inThisContext(work)); // taken now: after the commit the message's span is closed
    }
}
