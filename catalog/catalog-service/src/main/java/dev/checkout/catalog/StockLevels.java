package dev.checkout.catalog;

import dev.checkout.catalog.CatalogServiceConfiguration.CatalogMessaging;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the availability shoppers see in step with inventory's stock events. Other inventory events are ignored. */
@Component
class StockLevels {

    private final CatalogMessaging messaging;
    private final Products products;

    StockLevels(CatalogMessaging messaging, Products products) {
        this.messaging = messaging;
        this.products = products;
    }

    @KafkaListener(id = "catalog-stock-levels", groupId = "catalog-service", topics = InventoryTopics.EVENTS)
    void on(ConsumerRecord<String, String> record) {
        messaging.receive(record, "stock-levels", message -> {
            if (message.is(StockLevelChanged.class)) {
                StockLevelChanged level = message.payload(StockLevelChanged.class);
                products.updateAvailability(level.productId(), level.variantId(), level.productQuantityAvailable(),
                        level.quantityAvailable());
            }
        });
    }
}
