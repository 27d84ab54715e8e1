package dev.checkout.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmailTemplatesTest {

    final EmailTemplates templates = new EmailTemplates();

    @Test
    void theFirstLineOfATemplateIsTheSubjectAndTheRestTheText() {
        EmailTemplates.Email email = templates.render("order_confirmed", Map.of("order_number", "ORD-42", "total", "12.96", "currency", "USD"));
        assertThat(email.subject()).isEqualTo("Your order ORD-42 is confirmed");
        assertThat(email.text()).contains("12.96 USD").doesNotContain("Your order ORD-42 is confirmed");
    }

    @Test
    void aShippingEmailCarriesTheTrackingNumberOnlyWhenThereIsOne() {
        assertThat(templates.render("order_shipped", Map.of("order_number", "ORD-1", "carrier", "UPS", "tracking_number", "1Z999")).text())
                .contains("with UPS").contains("Tracking number: 1Z999");
        assertThat(templates.render("order_shipped", Map.of("order_number", "ORD-1")).text()).doesNotContain("Tracking number");
    }

    @Test
    void aCartReminderListsTheItemsLeftBehind() {
        EmailTemplates.Email email = templates.render("cart_reminder", Map.of("lines",
                List.of(Map.of("name", "Mug", "quantity", 2, "unit_price", "3.50")), "subtotal", "7.00", "currency", "USD"));
        assertThat(email.text()).contains("2 x Mug at 3.50").contains("Subtotal: 7.00 USD");
    }

    @Test
    void failedDeliveriesWaitTwiceAsLongEachTimeUpToTheCap() {
        NotificationProperties properties = new NotificationProperties(true, "from@x", List.of(), Duration.ofSeconds(1), Duration.ofSeconds(30), 40,
                Duration.ofMillis(500));
        assertThat(properties.retryAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.retryAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.retryAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.retryAfter(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.retryAfter(500)).isEqualTo(Duration.ofSeconds(30));
    }
}
