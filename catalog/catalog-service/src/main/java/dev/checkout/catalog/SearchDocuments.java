package dev.checkout.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.util.BytesRef;

/**
 * How a product becomes a search document: the text fields relevance is scored on (each with its boost), the exact
 * keys filters match, and the doc values sorts and facets read. Only active products are indexed.
 */
final class SearchDocuments {

    static final String ID = "product_id";
    static final String NAME = "name";
    static final String BRAND = "brand";
    static final String CATEGORY = "category";
    static final String DESCRIPTION = "description";
    /** Name beats brand beats category beats description, as the contract ranks them. */
    static final String[] TEXT_FIELDS = {NAME, BRAND, CATEGORY, DESCRIPTION};
    static final float[] BOOSTS = {8f, 4f, 2f, 1f};

    static float boostOf(String textField) {
        return BOOSTS[java.util.Arrays.asList(TEXT_FIELDS).indexOf(textField)];
    }

    static final String BRAND_KEY = "brand_key";
    /** Every prefix of the category path, so a category filter covers the subtree with one term. */
    static final String CATEGORY_TREE = "category_tree";
    static final String IN_STOCK = "in_stock";
    /** The price in force when indexed, in cents (a sale window's edge shows when the product is next indexed). */
    static final String PRICE = "price_cents";
    /** The average rating times ten (one decimal, as shown). */
    static final String RATING = "rating_tenths";
    static final String REVIEWS = "review_count";
    static final String CREATED = "created_millis";
    /** The revision of the product's row this document was made from. */
    static final String REVISION = "revision";
    /** Changes whenever documents are made differently: an index on disk in another format is rebuilt, not reused. 2: summaries. */
    static final String FORMAT = "2";

    /** What a result shows ({@link SearchSummaries}); name and brand are stored too, for the suggestions kept on restart. */
    static final String[] SHOWN = {"sku", "name", "brand", "category_path", "base_price", "sale_price", "currency"};

    static final String FACET_BRAND = "brand";
    static final String FACET_CATEGORY = "category";
    static final FacetsConfig FACETS = new FacetsConfig();

    /** Folds case and accents and strips plurals, so "Laptops" and "laptop" meet. */
    static final Analyzer ANALYZER = analyzer();

    private SearchDocuments() {
    }

    static Document of(Products.Indexed indexed) {
        Product product = indexed.product();
        Document document = new Document();
        document.add(new NumericDocValuesField(REVISION, indexed.revision()));
        document.add(new StringField(ID, product.productId(), Field.Store.YES));
        document.add(new SortedDocValuesField(ID, new BytesRef(product.productId())));
        document.add(new TextField(NAME, product.name(), Field.Store.NO));
        if (product.brand() != null && !product.brand().isBlank()) {
            document.add(new TextField(BRAND, product.brand(), Field.Store.NO));
            document.add(new StringField(BRAND_KEY, brandKey(product.brand()), Field.Store.NO));
            document.add(new SortedSetDocValuesFacetField(FACET_BRAND, product.brand()));
        }
        if (product.categoryPath() != null) {
            document.add(new TextField(CATEGORY, product.categoryPath().replace('/', ' '), Field.Store.NO));
            String[] segments = product.categoryPath().split("/");
            StringBuilder prefix = new StringBuilder();
            for (String segment : segments) {
                prefix.append(prefix.isEmpty() ? "" : "/").append(segment.toLowerCase(Locale.ROOT));
                document.add(new StringField(CATEGORY_TREE, prefix.toString(), Field.Store.NO));
            }
            document.add(new SortedSetDocValuesFacetField(FACET_CATEGORY, product.categoryPath()));
        }
        if (product.description() != null) {
            document.add(new TextField(DESCRIPTION, product.description(), Field.Store.NO));
        }
        String[] shown = {product.sku(), product.name(), product.brand(), product.categoryPath(), product.basePrice().toPlainString(),
                product.salePrice() == null ? null : product.salePrice().toPlainString(), product.currency()};
        document.add(new StoredField(NAME, product.name()));
        if (product.brand() != null) {
            document.add(new StoredField(BRAND, product.brand()));
        }
        boolean inStock = product.availableQuantity() > 0;
        document.add(new StringField(IN_STOCK, Boolean.toString(inStock), Field.Store.NO));
        long price = cents(product.unitPriceAt(java.time.Instant.now()));
        document.add(new LongPoint(PRICE, price));
        document.add(new NumericDocValuesField(PRICE, price));
        int rating = tenths(product.rating());
        document.add(new IntPoint(RATING, rating));
        document.add(new NumericDocValuesField(RATING, rating));
        document.add(new BinaryDocValuesField(SearchSummaries.FIELD,
                SearchSummaries.encode(product.productId(), shown, rating, product.reviewCount(), inStock)));
        document.add(new NumericDocValuesField(REVIEWS, product.reviewCount()));
        document.add(new NumericDocValuesField(CREATED, product.createdAt().toEpochMilli()));
        try {
            return FACETS.build(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String brandKey(String brand) {
        return brand.trim().toLowerCase(Locale.ROOT);
    }

    static String categoryKey(String path) {
        return String.join("/", java.util.Arrays.stream(path.split("[/>]")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList());
    }

    static long cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    static int tenths(BigDecimal rating) {
        return rating == null ? 0 : rating.movePointRight(1).setScale(0, java.math.RoundingMode.HALF_UP).intValue();
    }

    private static Analyzer analyzer() {
        try {
            return CustomAnalyzer.builder()
                    .withTokenizer("standard")
                    .addTokenFilter("lowercase")
                    .addTokenFilter("asciiFolding")
                    .addTokenFilter("englishMinimalStem")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
