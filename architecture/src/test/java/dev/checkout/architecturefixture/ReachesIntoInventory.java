package dev.checkout.architecturefixture;

import dev.checkout.inventory.InventoryServiceConfiguration;

/** A deliberate violation for the architecture test: code outside inventory that uses an inventory internal. */
public final class ReachesIntoInventory {

    InventoryServiceConfiguration borrowed;
}
