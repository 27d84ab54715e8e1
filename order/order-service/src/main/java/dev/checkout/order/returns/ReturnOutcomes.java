package dev.checkout.order.returns;

import java.time.Clock;
import java.util.List;

import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.order.api.OrderTopics;
import dev.checkout.order.api.ReturnRefunded;
import dev.checkout.payment.api.PaymentRefunded;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundFailed;
import dev.checkout.platform.core.CrashPoints;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import dev.checkout.order.orders.Order;
import dev.checkout.order.orders.OrderEvents;
import dev.checkout.order.orders.OrderStatus;
import dev.checkout.order.orders.Orders;

/**
 * The payment service's answers to returns' refunds (those asked with a return's reason; a cancellation's are the
 * saga's): the return becomes REFUNDED, and the order REFUNDED once it was RETURNED and no approved return still waits
 * for its money. A refund the gateway refused leaves the return APPROVED for an operator.
 */
@Component
class ReturnOutcomes {

    private static final Logger log = LoggerFactory.getLogger(ReturnOutcomes.class);

    private final OrderMessaging messaging;
    private final OrderReturns returns;
    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final MessageRoutes routes;

    ReturnOutcomes(OrderMessaging messaging, OrderReturns returns, Orders orders, OrderEvents events, Clock clock) {
        this.messaging = messaging;
        this.returns = returns;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.routes = MessageRoutes.builder()
                // A cancellation's refund is its saga's; only returns' concern this consumer.
                .on(PaymentRefunded.class, refund -> returnOf(refund.refundReason()) != null, this::refunded)
                .on(RefundFailed.class, failed -> returnOf(failed.refundReason()) != null, this::refundFailed)
                .build();
    }

    @KafkaListener(id = "order-return-outcomes", groupId = "order-service-returns", topics = PaymentTopics.EVENTS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "return-outcomes", routes);
    }

    private void refunded(PaymentRefunded refund, InboundMessage message) {
        String returnId = returnOf(refund.refundReason());
        if (returnId == null) {
            return;
        }
        returns.lock(returnId).filter(orderReturn -> orderReturn.refunded(clock.instant())).ifPresent(orderReturn -> {
            returns.update(orderReturn);
            Order order = orders.lock(orderReturn.orderId()).orElseThrow();
            messaging.publish(OutgoingMessage.of(OrderTopics.EVENTS, order.orderId(), new ReturnRefunded(order.orderId(), returnId,
                    order.userId(), orderReturn.refundAmount(), order.totals().currency(), clock.instant())).causedBy(message));
            boolean moneyStillOwed = returns.ofOrder(order.orderId()).stream().anyMatch(r -> r.status() == OrderReturn.Status.APPROVED);
            if (order.status() == OrderStatus.RETURNED && !moneyStillOwed) {
                order.refundedInFull(clock.instant());
            } else {
                order.paymentRefunded(false, clock.instant());
            }
            events.save(order);
            CrashPoints.reach("order.return-refunded.before-commit");
        });
    }

    private void refundFailed(RefundFailed failed, InboundMessage message) {
        String returnId = returnOf(failed.refundReason());
        if (returnId != null) {
            log.error("the refund of return {} (order {}) failed: {}; an operator has to settle it", returnId, failed.orderId(), failed.reason());
        }
    }

    private static String returnOf(String refundReason) {
        return refundReason != null && refundReason.startsWith(OrderReturn.REFUND_REASON_PREFIX)
                ? refundReason.substring(OrderReturn.REFUND_REASON_PREFIX.length()) : null;
    }
}
