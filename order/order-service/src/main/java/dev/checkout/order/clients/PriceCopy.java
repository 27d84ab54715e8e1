package dev.checkout.order.clients;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.checkout.catalog.api.CatalogTopics;
import dev.checkout.catalog.api.ProductChanged;
import dev.checkout.order.OrderServiceConfiguration.OrderMessaging;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.messaging.InboundMessage;
import dev.checkout.platform.messaging.MessageRoutes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The catalog's prices as the order service keeps them, fed by the catalog's product events: pricing an order reads
 * them in one query instead of calling the catalog once per line. A product this copy has not heard of yet (created a
 * moment ago) is asked of the catalog once and remembered until its next event. The price in force is worked out at
 * the moment of pricing: the sale price inside its window, else the base price, plus the variant's modifier.
 */
@Component
public class PriceCopy {

    /** The variant id of a product's own row. */
    private static final String PRODUCT_ROW = "";

    private final JdbcClient jdbc;
    private final OrderMessaging messaging;
    private final CatalogPrices catalog;
    private final Clock clock;
    private final MessageRoutes routes = MessageRoutes.builder().on(ProductChanged.class, this::on).build();

    PriceCopy(JdbcClient jdbc, OrderMessaging messaging, CatalogPrices catalog, Clock clock) {
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A product (and variant) as it sells now. */
    public record Price(String productId, String variantId, String name, BigDecimal unitPrice, String currency) {
    }

    /** A product or variant asked for. */
    public record Wanted(String productId, String variantId) {
    }

    /** The prices of the wanted products and variants that are for sale; the others are absent from the answer. */
    public Map<Wanted, Price> pricesOf(List<Wanted> wanted) {
        return pricesOf(wanted, Map.of());
    }

    /**
     * As {@link #pricesOf(List)}, for products someone else (the cart) has already seen at a catalog version: a product
     * this copy holds at an older version is asked of the catalog instead, so the answer is never older than theirs.
     */
    public Map<Wanted, Price> pricesOf(List<Wanted> wanted, Map<String, Long> versionsSeen) {
        Set<String> products = new LinkedHashSet<>();
        wanted.forEach(w -> products.add(w.productId()));
        Map<String, Map<String, Row>> known = rows(products);
        for (String product : products) {
            Map<String, Row> rows = known.get(product);
            if (rows == null) {
                catalog.priceOf(product).ifPresent(found -> known.put(product, remember(found)));
            } else if (rows.containsKey(PRODUCT_ROW) && rows.get(PRODUCT_ROW).version() < versionsSeen.getOrDefault(product, 0L)) {
                known.remove(product);
                catalog.priceOf(product).ifPresent(found -> known.put(product, byVariant(rowsOf(found))));
            }
        }
        Instant now = clock.instant();
        Map<Wanted, Price> prices = new HashMap<>();
        for (Wanted item : wanted) {
            Map<String, Row> rows = known.get(item.productId());
            Row product = rows == null ? null : rows.get(PRODUCT_ROW);
            if (product == null || !product.forSale()) {
                continue;
            }
            if (item.variantId() == null) {
                prices.put(item, new Price(item.productId(), null, product.name(), product.priceAt(now, BigDecimal.ZERO), product.currency()));
            } else {
                Row variant = rows.get(item.variantId());
                if (variant != null) {
                    prices.put(item, new Price(item.productId(), item.variantId(), product.name() + (variant.name().isEmpty() ? "" : " (" + variant.name() + ")"),
                            product.priceAt(now, variant.priceModifier()), product.currency()));
                }
            }
        }
        return prices;
    }

    @KafkaListener(id = "order-price-copy", groupId = "order-service", topics = CatalogTopics.EVENTS)
    void on(List<ConsumerRecord<String, String>> records) {
        messaging.receive(records, "price-copy", routes);
    }

    /** Replaces the product's rows by the event's, unless the copy already has this version or a later one. */
    private void on(ProductChanged product, InboundMessage message) {
        long held = jdbc.sql("select coalesce(max(version), -1) from orders.product_prices where product_id = :product")
                .param("product", product.productId()).query(Long.class).single();
        if (held >= product.version()) {
            return;
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(product.productId(), PRODUCT_ROW, product.name(), product.basePrice(), product.salePrice(), product.saleStartsAt(),
                product.saleEndsAt(), BigDecimal.ZERO, product.currency() == null ? Money.DEFAULT_CURRENCY : product.currency(),
                "ACTIVE".equals(product.status()), product.version()));
        for (ProductChanged.Variant variant : product.variants() == null ? List.<ProductChanged.Variant>of() : product.variants()) {
            rows.add(new Row(product.productId(), variant.variantId(), variant.name() == null ? "" : variant.name(), product.basePrice(),
                    null, null, null, variant.priceModifier() == null ? BigDecimal.ZERO : variant.priceModifier(), rows.getFirst().currency(),
                    true, product.version()));
        }
        jdbc.sql("delete from orders.product_prices where product_id = :product").param("product", product.productId()).update();
        insert(rows, false);
    }

    /** A product the catalog just told about: kept at version 0, so its first event replaces it. */
    private Map<String, Row> remember(CatalogPrices.Product found) {
        List<Row> rows = rowsOf(found);
        insert(rows, true);
        return byVariant(rows);
    }

    /** The catalog's answer as rows: its price in force as the base price, no sale (the catalog applied it). */
    private static List<Row> rowsOf(CatalogPrices.Product found) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(found.productId(), PRODUCT_ROW, found.name(), found.unitPrice(), null, null, null, BigDecimal.ZERO,
                found.currency(), true, 0));
        found.variantPrices().forEach((variantId, variant) -> rows.add(new Row(found.productId(), variantId, variant.name(),
                found.unitPrice(), null, null, null, variant.price().subtract(found.unitPrice()), found.currency(), true, 0)));
        return rows;
    }

    private static Map<String, Row> byVariant(List<Row> rows) {
        Map<String, Row> byVariant = new HashMap<>();
        rows.forEach(row -> byVariant.put(row.variantId(), row));
        return byVariant;
    }

    private void insert(List<Row> rows, boolean onlyIfAbsent) {
        jdbc.sql("""
                        insert into orders.product_prices (product_id, variant_id, name, base_price, sale_price, sale_starts_at, sale_ends_at,
                            price_modifier, currency, for_sale, version)
                        select * from unnest(:products::text[], :variants::text[], :names::text[], :bases::numeric[], :sales::numeric[],
                            :starts::timestamptz[], :ends::timestamptz[], :modifiers::numeric[], :currencies::text[], :forSale::boolean[],
                            :versions::bigint[])""" + (onlyIfAbsent ? " on conflict do nothing" : ""))
                .param("products", rows.stream().map(Row::productId).toArray(String[]::new))
                .param("variants", rows.stream().map(Row::variantId).toArray(String[]::new))
                .param("names", rows.stream().map(Row::name).toArray(String[]::new))
                .param("bases", rows.stream().map(Row::basePrice).toArray(BigDecimal[]::new))
                .param("sales", rows.stream().map(Row::salePrice).toArray(BigDecimal[]::new))
                .param("starts", rows.stream().map(r -> timestamp(r.saleStartsAt())).toArray(Timestamp[]::new))
                .param("ends", rows.stream().map(r -> timestamp(r.saleEndsAt())).toArray(Timestamp[]::new))
                .param("modifiers", rows.stream().map(Row::priceModifier).toArray(BigDecimal[]::new))
                .param("currencies", rows.stream().map(Row::currency).toArray(String[]::new))
                .param("forSale", rows.stream().map(Row::forSale).toArray(Boolean[]::new))
                .param("versions", rows.stream().map(Row::version).toArray(Long[]::new))
                .update();
    }

    private Map<String, Map<String, Row>> rows(Set<String> products) {
        Map<String, Map<String, Row>> known = new HashMap<>();
        jdbc.sql("select * from orders.product_prices where product_id = any(:products)")
                .param("products", products.toArray(String[]::new))
                .query((rs, n) -> new Row(rs.getString("product_id"), rs.getString("variant_id"), rs.getString("name"),
                        rs.getBigDecimal("base_price"), rs.getBigDecimal("sale_price"), instant(rs.getTimestamp("sale_starts_at")),
                        instant(rs.getTimestamp("sale_ends_at")), rs.getBigDecimal("price_modifier"), rs.getString("currency").trim(),
                        rs.getBoolean("for_sale"), rs.getLong("version")))
                .list()
                .forEach(row -> known.computeIfAbsent(row.productId(), p -> new HashMap<>()).put(row.variantId(), row));
        return known;
    }

    /** One row of the copy: a product ({@code variantId} empty) or one of its variants. */
    private record Row(String productId, String variantId, String name, BigDecimal basePrice, BigDecimal salePrice,
                       Instant saleStartsAt, Instant saleEndsAt, BigDecimal priceModifier, String currency, boolean forSale,
                       long version) {

        /** The price in force at {@code now}, plus {@code modifier}. */
        BigDecimal priceAt(Instant now, BigDecimal modifier) {
            boolean onSale = salePrice != null && (saleStartsAt == null || !now.isBefore(saleStartsAt))
                    && (saleEndsAt == null || now.isBefore(saleEndsAt));
            return Money.of((onSale ? salePrice : basePrice).add(modifier));
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
