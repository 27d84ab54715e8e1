package dev.checkout.cart;

/**
 * Something the customer should know about an item: its price changed since it was added ({@code price_changed}), it
 * is out of stock ({@code out_of_stock}) or scarcer than the quantity asked ({@code limited_stock}), it is no longer
 * sold ({@code product_unavailable}), or a merge capped ({@code quantity_capped}) or dropped ({@code item_removed}) it.
 */
record CartWarning(String code, String productId, String message) {

    static final String PRICE_CHANGED = "price_changed";
    static final String OUT_OF_STOCK = "out_of_stock";
    static final String LIMITED_STOCK = "limited_stock";
    static final String PRODUCT_UNAVAILABLE = "product_unavailable";
    static final String QUANTITY_CAPPED = "quantity_capped";
    static final String ITEM_REMOVED = "item_removed";
}
