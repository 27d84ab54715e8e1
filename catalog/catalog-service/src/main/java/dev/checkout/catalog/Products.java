package dev.checkout.catalog;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.checkout.platform.core.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Products and their variants in the {@code catalog} schema. */
@Repository
class Products {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Products(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Product> find(String productId) {
        return jdbc.sql("select * from catalog.products where product_id = :id").param("id", productId)
                .query(this::mapWithoutVariants).optional()
                .map(product -> withVariants(product, variantsOf(product.productId())));
    }

    /** Locks the product row for the rest of the transaction, so concurrent patches apply one after the other. */
    Optional<Product> findForUpdate(String productId) {
        return jdbc.sql("select * from catalog.products where product_id = :id for update").param("id", productId)
                .query(this::mapWithoutVariants).optional()
                .map(product -> withVariants(product, variantsOf(product.productId())));
    }

    void insert(Product product) {
        jdbc.sql("""
                        insert into catalog.products (product_id, sku, name, description, brand, category_path, category_id,
                            base_price, sale_price, sale_starts_at, sale_ends_at, currency, attributes, status, version, created_at,
                            updated_at)
                        values (:id, :sku, :name, :description, :brand, :categoryPath, :categoryId, :basePrice, :salePrice,
                            :saleStartsAt, :saleEndsAt,
                            :currency, :attributes::jsonb, :status, :version, :createdAt, :updatedAt)""")
                .paramSource(params(product))
                .update();
        insertVariants(product);
    }

    void update(Product product) {
        jdbc.sql("""
                        update catalog.products set sku = :sku, name = :name, description = :description, brand = :brand,
                            category_path = :categoryPath, category_id = :categoryId, base_price = :basePrice, sale_price = :salePrice,
                            sale_starts_at = :saleStartsAt, sale_ends_at = :saleEndsAt,
                            currency = :currency, attributes = :attributes::jsonb, status = :status, version = :version,
                            updated_at = :updatedAt
                        where product_id = :id""")
                .paramSource(params(product))
                .update();
        jdbc.sql("delete from catalog.variants where product_id = :id").param("id", product.productId()).update();
        insertVariants(product);
    }

    /** A product's row as the search index takes it: without variants, with the revision its last write took. */
    record Indexed(Product product, long revision) {
    }

    /** The products' current rows. */
    List<Indexed> findAllForIndex(java.util.Collection<String> productIds) {
        return jdbc.sql("select * from catalog.products where product_id = any(:ids)")
                .param("ids", productIds.toArray(String[]::new))
                .query(this::mapForIndex).list();
    }

    /** Every active product, read in chunks; the caller closes the stream. */
    java.util.stream.Stream<Indexed> streamForIndex() {
        return jdbc.sql("select * from catalog.products where status = 'ACTIVE'").withFetchSize(1_000)
                .query(this::mapForIndex).stream();
    }

    /** The revision of every active product, by id: what a kept index is checked against. */
    Map<String, Long> activeRevisions() {
        Map<String, Long> revisions = new java.util.HashMap<>();
        jdbc.sql("select product_id, index_revision from catalog.products where status = 'ACTIVE'").withFetchSize(10_000)
                .query(rs -> {
                    revisions.put(rs.getString(1), rs.getLong(2));
                });
        return revisions;
    }

    private Indexed mapForIndex(ResultSet rs, int row) throws SQLException {
        return new Indexed(mapWithoutVariants(rs, row), rs.getLong("index_revision"));
    }

    /** Units ordered per product, as learnt from confirmed orders. */
    Map<String, Long> popularity() {
        Map<String, Long> popularity = new java.util.HashMap<>();
        jdbc.sql("select product_id, units_ordered from catalog.product_popularity")
                .query(rs -> {
                    popularity.put(rs.getString(1), rs.getLong(2));
                });
        return popularity;
    }

    /**
     * Applies a stock level from inventory's events to the shown availability; answers whether search shows the change:
     * the product went in or out of stock, or it has a sale window, whose price in force the index takes when it indexes
     * the product. (No for a product the catalog does not know.)
     */
    boolean updateAvailability(String productId, String variantId, int productAvailable, int variantAvailable) {
        boolean searchShowsIt = jdbc.sql("""
                        with before as (
                            select product_id, available_quantity, sale_starts_at is not null or sale_ends_at is not null as windowed
                            from catalog.products where product_id = :id for update)
                        update catalog.products p set available_quantity = :available from before
                        where p.product_id = before.product_id
                        returning (before.available_quantity > 0) <> (p.available_quantity > 0) or before.windowed""")
                .param("available", productAvailable).param("id", productId)
                .query(Boolean.class).optional().orElse(false);
        if (variantId != null) {
            jdbc.sql("update catalog.variants set available_quantity = :available where variant_id = :id and product_id = :product")
                    .param("available", variantAvailable).param("id", variantId).param("product", productId).update();
        }
        return searchShowsIt;
    }

    /** Makes sure every level of the path exists as a category and returns the id of the deepest. */
    String ensureCategory(String path) {
        String[] segments = path.split("/");
        String parentId = null;
        StringBuilder prefix = new StringBuilder();
        for (int level = 0; level < segments.length; level++) {
            if (level > 0) {
                prefix.append('/');
            }
            prefix.append(segments[level]);
            jdbc.sql("insert into catalog.categories (category_id, name, path, parent_id, level) values (:id, :name, :path, :parent, :level) on conflict (path) do nothing")
                    .param("id", Ids.newId("cat")).param("name", segments[level]).param("path", prefix.toString())
                    .param("parent", parentId).param("level", level).update();
            parentId = jdbc.sql("select category_id from catalog.categories where path = :path").param("path", prefix.toString())
                    .query(String.class).single();
        }
        return parentId;
    }

    List<Category> categories() {
        return jdbc.sql("select category_id, name, path, parent_id, level from catalog.categories order by path")
                .query((rs, n) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    record Category(String categoryId, String name, String path, String parentId, int level) {
    }

    private void insertVariants(Product product) {
        int position = 0;
        for (Product.Variant variant : product.variants()) {
            jdbc.sql("""
                            insert into catalog.variants (variant_id, product_id, sku, name, attributes, price_modifier, available_quantity, position)
                            values (:id, :product, :sku, :name, :attributes::jsonb, :modifier, :available, :position)""")
                    .param("id", variant.variantId()).param("product", product.productId()).param("sku", variant.sku())
                    .param("name", variant.name()).param("attributes", json.writeValueAsString(variant.attributes()))
                    .param("modifier", variant.priceModifier()).param("available", variant.availableQuantity())
                    .param("position", position++)
                    .update();
        }
    }

    private List<Product.Variant> variantsOf(String productId) {
        return jdbc.sql("select * from catalog.variants where product_id = :id order by position").param("id", productId)
                .query((rs, n) -> new Product.Variant(rs.getString("variant_id"), rs.getString("sku"), rs.getString("name"),
                        json.readValue(rs.getString("attributes"), MAP), rs.getBigDecimal("price_modifier"),
                        rs.getInt("available_quantity")))
                .list();
    }

    private static Product withVariants(Product p, List<Product.Variant> variants) {
        return new Product(p.productId(), p.sku(), p.name(), p.description(), p.brand(), p.categoryPath(), p.basePrice(),
                p.salePrice(), p.saleStartsAt(), p.saleEndsAt(), p.currency(), p.attributes(), p.status(), p.rating(), p.reviewCount(), p.availableQuantity(),
                p.version(), new ArrayList<>(variants), p.createdAt(), p.updatedAt());
    }

    Product mapWithoutVariants(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("product_id"), rs.getString("sku"), rs.getString("name"), rs.getString("description"),
                rs.getString("brand"), rs.getString("category_path"), rs.getBigDecimal("base_price"),
                rs.getBigDecimal("sale_price"), instant(rs.getTimestamp("sale_starts_at")), instant(rs.getTimestamp("sale_ends_at")),
                rs.getString("currency"), json.readValue(rs.getString("attributes"), MAP),
                rs.getString("status"), rs.getBigDecimal("rating"), rs.getInt("review_count"),
                rs.getInt("available_quantity"), rs.getLong("version"), List.of(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(Product product) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("id", product.productId())
                .addValue("sku", product.sku())
                .addValue("name", product.name())
                .addValue("description", product.description())
                .addValue("brand", product.brand())
                .addValue("categoryPath", product.categoryPath())
                .addValue("categoryId", product.categoryPath() == null ? null : ensureCategory(product.categoryPath()))
                .addValue("basePrice", product.basePrice())
                .addValue("salePrice", product.salePrice())
                .addValue("saleStartsAt", product.saleStartsAt() == null ? null : Timestamp.from(product.saleStartsAt()))
                .addValue("saleEndsAt", product.saleEndsAt() == null ? null : Timestamp.from(product.saleEndsAt()))
                .addValue("currency", product.currency())
                .addValue("attributes", json.writeValueAsString(product.attributes()))
                .addValue("status", product.status())
                .addValue("version", product.version())
                .addValue("createdAt", Timestamp.from(product.createdAt()))
                .addValue("updatedAt", Timestamp.from(product.updatedAt()));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
