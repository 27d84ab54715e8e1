package dev.checkout.cart;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.cart.CartServiceConfiguration.CartMessaging;
import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.platform.core.Money;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the cart's product copy in step with the catalog (names, prices, status) and inventory (availability), so that
 * price changes and stock-outs show as warnings in carts without the cart ever calling either service.
 */
@Component
class CatalogFeeds {

    private final CartMessaging messaging;
    private final ProductCopies copies;

    CatalogFeeds(CartMessaging messaging, ProductCopies copies) {
        this.messaging = messaging;
        this.copies = copies;
    }

    @KafkaListener(id = "cart-catalog-events", groupId = "cart-service", topics = CatalogTopics.EVENTS)
    void onCatalog(ConsumerRecord<String, String> record) {
        messaging.receive(record, "catalog-events", message -> {
            if (message.is(ProductChanged.class)) {
                ProductChanged product = message.payload(ProductChanged.class);
                BigDecimal unitPrice = product.salePrice() != null ? product.salePrice() : product.basePrice();
                Map<String, ProductCopy.VariantCopy> variants = new LinkedHashMap<>();
                for (ProductChanged.Variant variant : product.variants() == null ? List.<ProductChanged.Variant>of() : product.variants()) {
                    BigDecimal modifier = variant.priceModifier() == null ? BigDecimal.ZERO : variant.priceModifier();
                    variants.put(variant.variantId(), new ProductCopy.VariantCopy(variant.name(), Money.of(unitPrice.add(modifier)), null));
                }
                copies.applyCatalog(product.productId(), product.name(), product.status(),
                        product.currency() == null ? Money.DEFAULT_CURRENCY : product.currency(), Money.of(unitPrice),
                        product.version(), variants);
            }
        });
    }

    @KafkaListener(id = "cart-inventory-events", groupId = "cart-service", topics = InventoryTopics.EVENTS)
    void onInventory(ConsumerRecord<String, String> record) {
        messaging.receive(record, "inventory-events", message -> {
            if (message.is(StockLevelChanged.class)) {
                StockLevelChanged level = message.payload(StockLevelChanged.class);
                copies.applyStock(level.productId(), level.variantId(), level.quantityAvailable(), level.productQuantityAvailable());
            }
        });
    }
}
