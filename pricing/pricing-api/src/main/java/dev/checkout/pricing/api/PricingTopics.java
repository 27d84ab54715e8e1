package dev.checkout.pricing.api;

/** Topics pricing owns. */
public final class PricingTopics {

    /** {@link PricingRulesChanged}, keyed {@link PricingRulesChanged#KEY}. */
    public static final String EVENTS = "pricing-events";

    private PricingTopics() {
    }
}
