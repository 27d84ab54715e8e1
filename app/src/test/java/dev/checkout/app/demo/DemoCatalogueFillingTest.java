package dev.checkout.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class DemoCatalogueFillingTest {

    private final InMemoryShop shop = new InMemoryShop();

    @Test
    void anEmptyCatalogueGetsEveryDemoProductWithItsStock() {
        DemoCatalogue demo = demoCatalogue();

        var outcome = new DemoCatalogueFilling(demo, shop).fillIfEmpty();

        assertThat(outcome.added()).isEqualTo(demo.products().size());
        assertThat(shop.products.keySet()).containsExactlyInAnyOrderElementsOf(demo.skus());
        assertThat(shop.stock).hasSize(demo.products().size()).doesNotContainValue(0);
    }

    @Test
    void aSecondFillingAddsNothingAndLeavesTheStockOrdersLowered() {
        DemoCatalogue demo = demoCatalogue();
        new DemoCatalogueFilling(demo, shop).fillIfEmpty();
        String sold = shop.products.values().iterator().next();
        shop.stock.put(sold, 1);

        var again = new DemoCatalogueFilling(demo, shop).fillIfEmpty();

        assertThat(again.added()).isZero();
        assertThat(again.alreadyThere()).isEqualTo(demo.products().size());
        assertThat(shop.products).hasSize(demo.products().size());
        assertThat(shop.stock).containsEntry(sold, 1);
    }

    @Test
    void aHalfDoneFillingIsCompletedWithWhatIsMissing() {
        DemoCatalogue demo = demoCatalogue();
        shop.create(demo.products().getFirst());

        var outcome = new DemoCatalogueFilling(demo, shop).fillIfEmpty();

        assertThat(outcome.added()).isEqualTo(demo.products().size() - 1);
        assertThat(shop.products).hasSize(demo.products().size());
    }

    @Test
    void aCatalogueWithProductsOfItsOwnIsLeftAlone() {
        shop.create(new DemoCatalogue.Product("MUG-001", "Coffee mug", null, "Acme", "kitchen/mugs", new BigDecimal("12.50"), null, null, 5));

        var outcome = new DemoCatalogueFilling(demoCatalogue(), shop).fillIfEmpty();

        assertThat(outcome.leftAlone()).isTrue();
        assertThat(shop.products).containsOnlyKeys("MUG-001");
    }

    @Test
    void theDemoStoreIsASmallRealisticShop() {
        DemoCatalogue demo = demoCatalogue();

        assertThat(demo.products()).hasSizeBetween(20, 40);
        assertThat(demo.skus()).hasSize(demo.products().size());
        assertThat(demo.products().stream().map(p -> p.categoryPath().split("/")[0]).distinct()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(demo.products().stream().map(DemoCatalogue.Product::brand).distinct()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(demo.products()).allSatisfy(product -> {
            assertThat(product.description()).isNotBlank();
            assertThat(product.basePrice()).isPositive();
            assertThat(product.stock()).isPositive();
        });
        assertThat(demo.products()).anySatisfy(product -> assertThat(product.salePrice()).isLessThan(product.basePrice()));
    }

    private static DemoCatalogue demoCatalogue() {
        try (InputStream in = new ClassPathResource(DemoCatalogueConfiguration.CATALOGUE).getInputStream()) {
            return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build().readValue(in, DemoCatalogue.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The catalogue and stock as the public API would keep them: SKUs unique, stock set per product. */
    private static final class InMemoryShop implements DemoCatalogueFilling.Shop {
        final Map<String, String> products = new LinkedHashMap<>();
        final Map<String, Integer> stock = new LinkedHashMap<>();

        @Override
        public DemoCatalogueFilling.Catalogue catalogue() {
            List<String> skus = new ArrayList<>(products.keySet());
            return new DemoCatalogueFilling.Catalogue(skus.size(), skus.subList(0, Math.min(100, skus.size())));
        }

        @Override
        public Optional<String> create(DemoCatalogue.Product product) {
            if (products.containsKey(product.sku())) {
                return Optional.empty();
            }
            String id = "prod_" + products.size();
            products.put(product.sku(), id);
            return Optional.of(id);
        }

        @Override
        public void stock(String productId, String warehouseId, int units) {
            stock.put(productId, units);
        }
    }
}
