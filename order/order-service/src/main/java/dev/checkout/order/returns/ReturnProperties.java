package dev.checkout.order.returns;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Return settings ({@code checkout.orders.returns.*}).
 *
 * @param window how long after delivery a customer may ask to return an order
 */
@ConfigurationProperties("checkout.orders.returns")
public record ReturnProperties(@DefaultValue("P30D") Duration window) {
}
