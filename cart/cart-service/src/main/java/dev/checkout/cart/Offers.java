package dev.checkout.cart;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.checkout.catalog.api.CatalogProduct;
import dev.checkout.inventory.api.ProductStock;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.InternalApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClientException;

/**
 * What a product can be added to a cart at: from the cart's copy of the catalog, or, when the copy does not offer it
 * (the product is new, newly stocked, or gone), from the catalog itself: the copy follows the events a moment behind,
 * and a customer must not be refused a product an admin created or stocked a second ago. Before refusing a product as
 * sold out, inventory's own figures are asked for (the catalog's are a copy as well). A sold-out product is asked
 * about at most once a second per instance, so adds of it cannot turn into a stream of calls.
 */
@Component
class Offers {

    private static final Logger log = LoggerFactory.getLogger(Offers.class);

    private final ProductCopies copies;
    private final InternalApi services;
    private final TransactionTemplate transactions;
    private final Cache<String, Boolean> recentlyAsked = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(100_000).build();
    private final Counter catalogQuestions;

    Offers(ProductCopies copies, InternalApi services, TransactionTemplate transactions, MeterRegistry meters) {
        this.copies = copies;
        this.services = services;
        this.transactions = transactions;
        this.catalogQuestions = Counter.builder("checkout.cart.catalog.lookups").register(meters);
    }

    /** The offer for adding; a 422 {@code product_not_found} or {@code out_of_stock} refusal otherwise. */
    ProductCopy.Offer forAdding(String productId, String variantId) {
        Optional<ProductCopy.Offer> offer = Optional.empty();
        if (Ids.looksLike("prod", productId)) {
            offer = copies.find(productId).flatMap(copy -> copy.offer(variantId));
        }
        boolean unknown = offer.isEmpty();
        boolean soldOut = offer.isPresent() && offer.get().available() <= 0;
        // A sold-out product is checked again at most once a second; one the copy does not know, every time (it may be
        // a second old, and another request may be asking about it right now).
        if (Ids.looksLike("prod", productId)
                && (unknown || soldOut && recentlyAsked.asMap().putIfAbsent(productId, Boolean.TRUE) == null)) {
            offer = askCatalog(productId, variantId, offer);
            if (offer.isPresent() && offer.get().available() <= 0) {
                offer = askInventory(productId, variantId, offer);
            }
        }
        if (offer.isEmpty()) {
            throw ApiException.unprocessable("product_not_found", variantId == null
                    ? "Product " + productId + " does not exist or is not for sale"
                    : "Product " + productId + " has no variant " + variantId + " for sale").with("product_id", productId);
        }
        if (offer.get().available() <= 0) {
            throw ApiException.unprocessable("out_of_stock", offer.get().name() + " is out of stock").with("product_id", productId);
        }
        return offer.get();
    }

    /** The catalog's availability is a copy too: before refusing, inventory's own figures ({@link ProductStock}) decide. */
    private Optional<ProductCopy.Offer> askInventory(String productId, String variantId, Optional<ProductCopy.Offer> soldOut) {
        ProductStock stock;
        try {
            stock = services.get("inventory", ProductStock.PATH, ProductStock.ABSENT, ProductStock.class, productId)
                    .orElseThrow(() -> new RestClientException("inventory does not know product " + productId));
        } catch (RestClientException e) {
            log.warn("inventory cannot be asked about {}; going by the copy, which says sold out: {}", productId, e.toString());
            return soldOut;
        }
        Map<String, Integer> variantsAvailable = new HashMap<>();
        stock.warehouses().stream().filter(place -> place.variantId() != null)
                .forEach(place -> variantsAvailable.merge(place.variantId(), place.quantityAvailable(), Integer::sum));
        ProductCopy copy = transactions.execute(status -> {
            variantsAvailable.forEach((id, available) -> copies.applyStock(productId, id, available, stock.quantityAvailable()));
            return copies.applyStock(productId, null, stock.quantityAvailable(), stock.quantityAvailable());
        });
        return copy.offer(variantId).or(() -> soldOut);
    }

    /** The catalog's own answer ({@link CatalogProduct}), for a product the copy does not offer; the copy learns it. */
    private Optional<ProductCopy.Offer> askCatalog(String productId, String variantId, Optional<ProductCopy.Offer> fromCopy) {
        catalogQuestions.increment();
        Optional<CatalogProduct> product;
        try {
            product = services.read("catalog", CatalogProduct.PATH, CatalogProduct.class, productId)
                    .filter(found -> found.productId() != null);
        } catch (RestClientException e) {
            if (fromCopy.isPresent()) {
                return fromCopy;
            }
            log.warn("the catalog cannot be asked about {}: {}", productId, e.toString());
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "The catalog cannot be reached to check this product; try again shortly");
        }
        return product.map(p -> transactions.execute(status -> {
            Map<String, ProductCopy.VariantCopy> variants = new LinkedHashMap<>();
            p.variants().forEach(v -> variants.put(v.variantId(), new ProductCopy.VariantCopy(v.name(), v.price(), v.availableQuantity())));
            copies.applyCatalog(productId, p.name(), p.status(), p.currency(), p.unitPrice(), p.version(), variants);
            variants.forEach((id, v) -> copies.applyStock(productId, id, v.available(), p.availableQuantity()));
            return copies.applyStock(productId, null, 0, p.availableQuantity());
        })).flatMap(copy -> copy.offer(variantId)).or(() -> fromCopy);
    }
}
