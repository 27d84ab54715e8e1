package dev.checkout.catalog;

import java.util.List;

import dev.checkout.catalog.CatalogServiceConfiguration.CatalogMessaging;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the availability shoppers see in step with inventory's stock events. Other inventory events are ignored. */
@Component
class StockLevels {

    private final CatalogMessaging messaging;
    private final Products products;
    private final SearchIndex index;

    StockLevels(CatalogMessaging messaging, Products products, SearchIndex index) {
        this.index = index;
        this.messaging = messaging;
        this.products = products;
    }

    private final MessageRoutes routes = MessageRoutes.builder().on(StockLevelChanged.class, this::on).build();

    @KafkaListener(id = "catalog-stock-levels", groupId = "catalog-service", topics = InventoryTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "stock-levels", routes);
    }

    private void on(StockLevelChanged level, InboundMessage message) {
        // Search shows whether a product is in stock, not how many units: re-indexing it on every level (every order)
        // was about 5% of the platform's Java samples under the checkout bench (JFR: the refresh job and Lucene's merges).
        if (products.updateAvailability(level.productId(), level.variantId(), level.productQuantityAvailable(), level.quantityAvailable())) {
            index.refreshSoon(List.of(level.productId()));
        }
    }
}
