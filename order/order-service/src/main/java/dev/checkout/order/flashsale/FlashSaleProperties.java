package dev.checkout.order.flashsale;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Flash-sale settings ({@code checkout.flash-sale.*}).
 *
 * @param tokenTtl          how long an admitted customer's purchase token, and the units it holds, lives
 * @param admissionInterval how often waiting rooms of live sales admit the next batch
 * @param admissionBatch    the most tickets one sale admits a round: paces admission to what checkout can take
 */
@ConfigurationProperties("checkout.flash-sale")
public record FlashSaleProperties(
        @DefaultValue("PT2M") Duration tokenTtl,
        @DefaultValue("PT0.5S") Duration admissionInterval,
        @DefaultValue("500") int admissionBatch) {
}
