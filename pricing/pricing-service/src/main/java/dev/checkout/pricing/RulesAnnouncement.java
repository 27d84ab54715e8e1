package dev.checkout.pricing;

import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.pricing.PricingServiceConfiguration.PricingMessaging;
import dev.checkout.pricing.api.PricingTopics;
import dev.checkout.pricing.api.PricingRulesChanged;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces the rules once the service is up, through the outbox: the rules are configuration, so they change only
 * with a start, and the order service quotes orders without a coupon from its copy instead of calling for a quote.
 */
@Component
class RulesAnnouncement {

    private final PricingRules rules;
    private final PricingMessaging messaging;
    private final TransactionTemplate transactions;

    RulesAnnouncement(PricingRules rules, PricingMessaging messaging, TransactionTemplate transactions) {
        this.rules = rules;
        this.messaging = messaging;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        transactions.executeWithoutResult(status ->
                messaging.publish(OutgoingMessage.of(PricingTopics.EVENTS, PricingRulesChanged.KEY, rules.announced())));
    }
}
