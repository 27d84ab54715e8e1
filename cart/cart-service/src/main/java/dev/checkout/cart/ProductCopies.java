package dev.checkout.cart;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cart's copy of product names, prices and availability: recorded in PostgreSQL (table {@code product_copies}),
 * mirrored in Redis ({@code cart-product:<product_id>}, a string {@code <revision>|<copy as JSON>}) so that reading a
 * cart touches Redis only: one {@code MGET} for all its products, which a Redis Cluster client splits by slot. Each
 * change locks the product's row, so the two feeds (catalog and inventory events) never lose each other's fields; the
 * mirror is only overwritten by a higher revision.
 */
@Component
class ProductCopies {

    private static final Logger log = LoggerFactory.getLogger(ProductCopies.class);
    private static final TypeReference<Map<String, ProductCopy.VariantCopy>> VARIANTS = new TypeReference<>() {
    };
    private static final RedisScript<Long> WRITE = RedisScript.of("""
            local current = redis.call('GET', KEYS[1])
            if current then
              local revision = tonumber(string.match(current, '^(%d+)|'))
              if revision and revision >= tonumber(ARGV[1]) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'EX', ARGV[3])
            return 1""", Long.class);

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final CartProperties properties;

    ProductCopies(JdbcClient jdbc, StringRedisTemplate redis, JsonMapper json, CartProperties properties) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.json = json;
        this.properties = properties;
    }

    static String key(String productId) {
        return "cart-product:" + productId;
    }

    Optional<ProductCopy> find(String productId) {
        return Optional.ofNullable(findAll(List.of(productId)).get(productId));
    }

    /** The copies of these products that exist, by product id: from Redis, and from PostgreSQL for what it lacks. */
    Map<String, ProductCopy> findAll(Collection<String> productIds) {
        List<String> ids = productIds.stream().distinct().toList();
        Map<String, ProductCopy> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> missing = new ArrayList<>();
        try {
            List<String> cached = redis.opsForValue().multiGet(ids.stream().map(ProductCopies::key).toList());
            for (int i = 0; i < ids.size(); i++) {
                String value = cached == null ? null : cached.get(i);
                if (value != null && value.indexOf('|') > 0) {
                    found.put(ids.get(i), json.readValue(value.substring(value.indexOf('|') + 1), ProductCopy.class));
                } else {
                    missing.add(ids.get(i));
                }
            }
        } catch (DataAccessException e) {
            log.warn("could not read product copies from Redis ({}); reading PostgreSQL", e.toString());
            missing.addAll(ids);
        }
        if (!missing.isEmpty()) {
            jdbc.sql("select * from cart.product_copies where product_id = any(:ids)")
                    .param("ids", missing.toArray(String[]::new))
                    .query(this::map).list()
                    .forEach(copy -> {
                        found.put(copy.productId(), copy);
                        mirror(copy);
                    });
        }
        return found;
    }

    /** Applies the catalog's state of a product unless the copy already reflects that version or a later one. */
    ProductCopy applyCatalog(String productId, String name, String status, String currency, BigDecimal unitPrice,
                             long version, Map<String, ProductCopy.VariantCopy> variants) {
        ProductCopy current = lock(productId);
        if (current.catalogVersion() >= version) {
            return current;
        }
        return save(current.withCatalog(name, status, currency, unitPrice, version, variants));
    }

    /** Applies a stock level from inventory; a level the copy already shows changes nothing. */
    ProductCopy applyStock(String productId, String variantId, int variantAvailable, int productAvailable) {
        ProductCopy current = lock(productId);
        ProductCopy updated = current.withStock(variantId, variantAvailable, productAvailable);
        boolean same = Objects.equals(current.available(), updated.available())
                && current.variants().equals(updated.variants());
        return same ? current : save(updated);
    }

    private ProductCopy lock(String productId) {
        jdbc.sql("insert into cart.product_copies (product_id) values (:id) on conflict do nothing").param("id", productId).update();
        return jdbc.sql("select * from cart.product_copies where product_id = :id for update").param("id", productId)
                .query(this::map).single();
    }

    private ProductCopy save(ProductCopy copy) {
        jdbc.sql("""
                        update cart.product_copies set name = :name, status = :status, currency = :currency, unit_price = :price,
                            catalog_version = :version, available = :available, variants = :variants::jsonb,
                            revision = :revision, updated_at = now()
                        where product_id = :id""")
                .param("name", copy.name()).param("status", copy.status()).param("currency", copy.currency())
                .param("price", copy.unitPrice()).param("version", copy.catalogVersion()).param("available", copy.available())
                .param("variants", json.writeValueAsString(copy.variants())).param("revision", copy.revision())
                .param("id", copy.productId())
                .update();
        mirror(copy);
        return copy;
    }

    /** Copies to Redis; inside a transaction, once it commits. */
    private void mirror(ProductCopy copy) {
        String text = json.writeValueAsString(copy);
        Runnable write = () -> {
            try {
                redis.execute(WRITE, List.of(key(copy.productId())), Long.toString(copy.revision()), text,
                        Long.toString(Math.max(1, properties.hotCopyTtl().toSeconds())));
            } catch (RuntimeException e) {
                log.warn("could not copy product {} to Redis ({})", copy.productId(), e.toString());
                try {
                    redis.delete(key(copy.productId()));
                } catch (RuntimeException ignored) {
                    // Redis is down; the copy is read from PostgreSQL meanwhile
                }
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    write.run();
                }
            });
        } else {
            write.run();
        }
    }

    private ProductCopy map(ResultSet rs, int row) throws SQLException {
        long revision = rs.getLong("revision");
        Object available = rs.getObject("available");
        return new ProductCopy(rs.getString("product_id"), rs.getString("name"), rs.getString("status"),
                rs.getString("currency"), rs.getBigDecimal("unit_price"), rs.getLong("catalog_version"),
                available == null ? null : ((Number) available).intValue(),
                json.readValue(rs.getString("variants"), VARIANTS), revision);
    }
}
