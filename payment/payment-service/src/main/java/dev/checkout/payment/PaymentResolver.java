package dev.checkout.payment;

import dev.checkout.platform.core.JobLocks;
import java.time.Clock;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends again whatever the database says is unresolved and due: payments INITIATED (the first attempt was lost to a
 * crash or a full pool) or PENDING (the outcome is unknown), and refunds not yet made, each with its own idempotency
 * key, so the gateway answers with what it did the first time (a lookup by key instead could race a charge the gateway
 * is still committing). Attempts are spaced by a back-off; one still in flight is left alone. Runs on one instance at a
 * time.
 */
@Component
class PaymentResolver {

    private static final int BATCH = 100;

    private final Payments payments;
    private final PaymentProcessing processing;
    private final PaymentRefunds refunds;
    private final GatewayWork gatewayWork;
    private final Clock clock;

    PaymentResolver(Payments payments, PaymentProcessing processing, PaymentRefunds refunds, GatewayWork gatewayWork, Clock clock) {
        this.payments = payments;
        this.processing = processing;
        this.refunds = refunds;
        this.gatewayWork = gatewayWork;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${checkout.payment.resolve-interval:1s}")
    @SchedulerLock(name = "payment-resolver", lockAtMostFor = JobLocks.HOLD_TEXT)
    void resolveDue() {
        for (String paymentId : payments.paymentsDue(clock.instant(), BATCH)) {
            gatewayWork.submit("charge " + paymentId, () -> processing.attempt(paymentId));
        }
        for (String refundId : payments.refundsDue(clock.instant(), BATCH)) {
            gatewayWork.submit("refund " + refundId, () -> refunds.attemptRefund(refundId));
        }
    }
}
