package dev.checkout.cart;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.cart.CartServiceConfiguration.CartMessaging;
import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import dev.checkout.platform.messaging.ServiceMessaging;
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
    private final Clock clock;

    CatalogFeeds(CartMessaging messaging, ProductCopies copies, Clock clock) {
        this.messaging = messaging;
        this.copies = copies;
        this.clock = clock;
    }

    private final MessageRoutes catalogRoutes = MessageRoutes.builder().on(ProductChanged.class, this::on).build();
    private final MessageRoutes inventoryRoutes = MessageRoutes.builder().on(StockLevelChanged.class, this::on).build();

    @KafkaListener(id = "cart-catalog-events", groupId = "cart-service", topics = CatalogTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onCatalog(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "catalog-events", catalogRoutes);
    }

    @KafkaListener(id = "cart-inventory-events", groupId = "cart-service", topics = InventoryTopics.EVENTS,
            containerFactory = ServiceMessaging.REACTIONS)
    void onInventory(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "inventory-events", inventoryRoutes);
    }

    private void on(ProductChanged product, InboundMessage message) {
                // The price in force when the event arrives; the checkout prices from the order service's copy, which
                // applies a sale's window at the moment of the quote.
                Instant now = clock.instant();
                boolean onSale = product.salePrice() != null && (product.saleStartsAt() == null || !now.isBefore(product.saleStartsAt()))
                        && (product.saleEndsAt() == null || now.isBefore(product.saleEndsAt()));
                BigDecimal unitPrice = onSale ? product.salePrice() : product.basePrice();
                Map<String, ProductCopy.VariantCopy> variants = new LinkedHashMap<>();
                for (ProductChanged.Variant variant : product.variants() == null ? List.<ProductChanged.Variant>of() : product.variants()) {
                    BigDecimal modifier = variant.priceModifier() == null ? BigDecimal.ZERO : variant.priceModifier();
                    variants.put(variant.variantId(), new ProductCopy.VariantCopy(variant.name(), Money.of(unitPrice.add(modifier)), null));
                }
                copies.applyCatalog(product.productId(), product.name(), product.status(),
                        product.currency() == null ? Money.DEFAULT_CURRENCY : product.currency(), Money.of(unitPrice),
                        product.version(), variants);
    }

    private void on(StockLevelChanged level, InboundMessage message) {
        copies.applyStock(level.productId(), level.variantId(), level.quantityAvailable(), level.productQuantityAvailable());
    }
}
