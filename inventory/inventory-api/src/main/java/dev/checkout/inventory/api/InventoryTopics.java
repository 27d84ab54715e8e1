package dev.checkout.inventory.api;

/** Topics inventory owns. */
public final class InventoryTopics {

    /** {@link ReserveStock}, {@link ConfirmStock}, {@link ReleaseStock}, {@link RestockOrder}; keyed by owner id. */
    public static final String COMMANDS = "inventory-commands";
    /** The outcome of each command, keyed by owner id. */
    public static final String REPLIES = "inventory-replies";
    /** {@link StockLevelChanged} and {@link LowStock}, keyed by product id. */
    public static final String EVENTS = "inventory-events";

    private InventoryTopics() {
    }
}
