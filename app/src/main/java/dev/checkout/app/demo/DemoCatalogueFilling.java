package dev.checkout.app.demo;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the demo store into the catalogue, once: only when the catalogue holds nothing but demo products (a shop with
 * products of its own is left alone), and only the demo products it lacks (a product's SKU is unique, so one that is
 * there answers {@code sku_taken} and its stock is not touched). A second start, or a start after a half-done first
 * one, therefore adds exactly what is missing and never resets stock that orders have since lowered.
 */
class DemoCatalogueFilling {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogueFilling.class);

    /** The development admin, whose credentials the launcher made. */
    record Admin(String email, String password) {
    }

    /** What the filling needs from the platform's public API. */
    interface Shop {
        /** The catalogue's first page of products (up to 100): how many there are in all, and those pages' SKUs. */
        Catalogue catalogue();

        /** Creates the product and returns its id, or nothing when a product with its SKU exists already. */
        Optional<String> create(DemoCatalogue.Product product);

        void stock(String productId, String warehouseId, int units);
    }

    record Catalogue(long total, List<String> skus) {
    }

    /** What one filling did. */
    record Outcome(int added, int alreadyThere, boolean leftAlone) {
    }

    private final DemoCatalogue demo;
    private final Shop shop;

    DemoCatalogueFilling(DemoCatalogue demo, Shop shop) {
        this.demo = demo;
        this.shop = shop;
    }

    /** Fills the catalogue when it has no products of its own; a failure is logged, never stops the platform. */
    Outcome fillIfEmpty() {
        try {
            Outcome outcome = fill();
            if (outcome.leftAlone()) {
                log.info("demo catalogue: the catalogue has products of its own, so the demo store is not added");
            } else if (outcome.added() > 0) {
                log.info("demo catalogue: added {} products with their stock ({} were there already)", outcome.added(), outcome.alreadyThere());
            } else {
                log.info("demo catalogue: nothing to add, its {} products are there", outcome.alreadyThere());
            }
            return outcome;
        } catch (RuntimeException e) {
            log.warn("demo catalogue: not filled ({}); the platform runs without it", e.getMessage());
            return new Outcome(0, 0, true);
        }
    }

    private Outcome fill() {
        Catalogue catalogue = shop.catalogue();
        long demoProductsSeen = catalogue.skus().stream().filter(demo.skus()::contains).count();
        if (catalogue.total() > catalogue.skus().size() || demoProductsSeen < catalogue.total()) {
            return new Outcome(0, 0, true);
        }
        if (demoProductsSeen == demo.products().size()) {
            return new Outcome(0, demo.products().size(), false); // all there: no need to ask product by product
        }
        int added = 0;
        int alreadyThere = 0;
        for (DemoCatalogue.Product product : demo.products()) {
            Optional<String> created = shop.create(product);
            if (created.isPresent()) {
                shop.stock(created.get(), demo.warehouseId(), product.stock());
                added++;
            } else {
                alreadyThere++;
            }
        }
        return new Outcome(added, alreadyThere, false);
    }
}
