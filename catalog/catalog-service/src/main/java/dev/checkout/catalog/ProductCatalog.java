package dev.checkout.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.catalog.CatalogServiceConfiguration.CatalogMessaging;
import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.messaging.OutgoingMessage;
import dev.checkout.platform.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Creating and changing products; every change is announced on {@code catalog-events} in the same transaction. */
@Service
class ProductCatalog {

    private final Products products;
    private final CatalogMessaging messaging;
    private final JsonMapper json;
    private final Clock clock;
    private final SearchIndex index;

    ProductCatalog(Products products, CatalogMessaging messaging, JsonMapper json, Clock clock, SearchIndex index) {
        this.index = index;
        this.products = products;
        this.messaging = messaging;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    Product create(ProductDraft draft) {
        draft.validate();
        Instant now = clock.instant();
        Product product = toProduct(Ids.newId("prod"), draft, List.of(), 1, now, now, 0);
        try {
            products.insert(product);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("sku_taken", "A product or variant with one of these SKUs already exists");
        }
        announce(product);
        return products.find(product.productId()).orElseThrow();
    }

    Product get(String productId) {
        return products.find(productId).orElseThrow(() -> ApiException.notFound("Product", productId));
    }

    /** Applies a JSON merge patch (RFC 7396): members set replace, {@code null} clears, absent stay. */
    @Transactional
    Product patch(String productId, JsonNode patch) {
        if (!patch.isObject()) {
            throw ProductDraft.invalid(List.of(new dev.checkout.platform.web.Problems.FieldError("body", "must be a JSON object")));
        }
        Product current = products.findForUpdate(productId).orElseThrow(() -> ApiException.notFound("Product", productId));
        JsonNode merged = mergePatch(json.valueToTree(toDraft(current)), patch);
        ProductDraft draft;
        try {
            draft = json.treeToValue(merged, ProductDraft.class);
        } catch (RuntimeException e) {
            throw ProductDraft.invalid(List.of(new dev.checkout.platform.web.Problems.FieldError("body", "has a member of the wrong type")));
        }
        draft.validate();
        Product updated = toProduct(productId, draft, current.variants(), current.version() + 1, current.createdAt(),
                clock.instant(), current.availableQuantity());
        try {
            products.update(updated);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("sku_taken", "A product or variant with one of these SKUs already exists");
        }
        announce(updated);
        return products.find(productId).orElseThrow();
    }

    private static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonMapper.shared().createObjectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private ProductDraft toDraft(Product product) {
        return new ProductDraft(product.sku(), product.name(), product.description(), product.brand(), product.categoryPath(),
                product.basePrice(), product.salePrice(), product.saleStartsAt(), product.saleEndsAt(), product.currency(),
                product.attributes(), product.status(),
                product.variants().stream().map(v -> new ProductDraft.VariantDraft(v.variantId(), v.sku(), v.name(),
                        v.attributes(), v.priceModifier())).toList());
    }

    /** Variants keep their ids (and availability) when the patch names them by id or by SKU. */
    private static Product toProduct(String productId, ProductDraft draft, List<Product.Variant> existing, long version,
                                     Instant createdAt, Instant updatedAt, int availableQuantity) {
        List<Product.Variant> variants = new ArrayList<>();
        for (ProductDraft.VariantDraft v : draft.variants() == null ? List.<ProductDraft.VariantDraft>of() : draft.variants()) {
            Product.Variant previous = existing.stream()
                    .filter(e -> e.variantId().equals(v.variantId()) || e.sku().equals(v.sku()))
                    .findFirst().orElse(null);
            variants.add(new Product.Variant(previous != null ? previous.variantId() : Ids.newId("var"), v.sku(), v.name(),
                    v.attributes() == null ? Map.of() : v.attributes(),
                    Money.of(v.priceModifier() == null ? java.math.BigDecimal.ZERO : v.priceModifier()),
                    previous != null ? previous.availableQuantity() : 0));
        }
        return new Product(productId, draft.sku().trim(), draft.name().trim(), draft.description(), draft.brand(),
                draft.normalizedCategoryPath(), Money.of(draft.basePrice()),
                draft.salePrice() == null ? null : Money.of(draft.salePrice()), draft.saleStartsAt(), draft.saleEndsAt(),
                draft.effectiveCurrency(),
                draft.attributes() == null ? new LinkedHashMap<>() : draft.attributes(), draft.effectiveStatus(),
                java.math.BigDecimal.ZERO, 0, availableQuantity, version, variants, createdAt, updatedAt);
    }

    private void announce(Product product) {
        index.refreshAfterCommit(List.of(product.productId()));
        messaging.publish(OutgoingMessage.of(CatalogTopics.EVENTS, product.productId(), new ProductChanged(
                product.productId(), product.sku(), product.name(), product.brand(), product.categoryPath(),
                product.basePrice(), product.salePrice(), product.currency(), product.status(),
                product.variants().stream().map(v -> new ProductChanged.Variant(v.variantId(), v.sku(), v.name(), v.priceModifier(),
                        v.attributes())).toList(),
                product.version(), product.description(), product.attributes(), product.saleStartsAt(), product.saleEndsAt())));
    }
}
