package dev.checkout.payment;

import java.util.List;

import dev.checkout.payment.PaymentServiceConfiguration.PaymentMessaging;
import dev.checkout.payment.api.ChargePayment;
import dev.checkout.payment.api.PaymentFailed;
import dev.checkout.payment.api.PaymentTopics;
import dev.checkout.payment.api.RefundPayment;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Payment's command channel. */
@Component
class PaymentCommands {

    private static final Logger log = LoggerFactory.getLogger(PaymentCommands.class);

    private final PaymentMessaging messaging;
    private final PaymentProcessing processing;
    private final PaymentRefunds refunds;

    PaymentCommands(PaymentMessaging messaging, PaymentProcessing processing, PaymentRefunds refunds) {
        this.messaging = messaging;
        this.processing = processing;
        this.refunds = refunds;
    }

    private final MessageRoutes routes = MessageRoutes.builder()
            .on(ChargePayment.class, this::charge)
            .on(RefundPayment.class, this::refund)
            .build();

    @KafkaListener(id = "payment-commands", groupId = "payment-service", topics = PaymentTopics.COMMANDS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "payment-commands", routes);
    }

    private void charge(ChargePayment command, InboundMessage message) {
        if (command.orderId() == null) {
            log.warn("{} names no order; ignored", message);
            return;
        }
        String refusal = refusal(command);
        if (refusal != null) {
            messaging.publish(OutgoingMessage.of(PaymentTopics.EVENTS, command.orderId(),
                    new PaymentFailed(command.orderId(), null, "payment_declined", refusal)).causedBy(message));
            return;
        }
        processing.requestCharge(command, message);
    }

    private void refund(RefundPayment command, InboundMessage message) {
        if (command.orderId() == null) {
            log.warn("{} names no order; ignored", message);
            return;
        }
        refunds.requestRefund(command, message);
    }

    /** Why a charge request cannot be carried out at all, or {@code null}. Nothing is stored for a refused request. */
    private static String refusal(ChargePayment command) {
        if (command.amount() == null || command.amount().signum() <= 0 || command.currency() == null
                || command.paymentMethod() == null || command.paymentMethod().cardToken() == null) {
            return "the charge request was incomplete";
        }
        if (CardNumbers.mayHoldCardNumber(command.paymentMethod().cardToken())) {
            // PCI: a card number is never stored, logged or sent on; only the gateway's tokens are accepted.
            return "a card number was sent instead of a gateway token; it was neither stored nor charged";
        }
        return null;
    }
}
