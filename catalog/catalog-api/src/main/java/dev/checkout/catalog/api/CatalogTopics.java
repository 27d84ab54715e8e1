package dev.checkout.catalog.api;

/** Topics the catalog owns. */
public final class CatalogTopics {

    /** {@link ProductChanged}, keyed by product id. */
    public static final String EVENTS = "catalog-events";

    private CatalogTopics() {
    }
}
