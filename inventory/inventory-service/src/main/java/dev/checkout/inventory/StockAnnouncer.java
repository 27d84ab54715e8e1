package dev.checkout.inventory;

import java.util.List;
import java.util.Objects;

import dev.checkout.inventory.InventoryServiceConfiguration.InventoryMessaging;
import dev.checkout.inventory.api.InventoryTopics;
import dev.checkout.inventory.api.StockLevelChanged;
import dev.checkout.platform.messaging.OutgoingMessage;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Announces stock levels on {@code inventory-events}, every {@code checkout.inventory.announce-interval}: for each
 * product noted as changed (see {@link StockChanges#note}), one {@link StockLevelChanged} per variant with the levels
 * as they are now, in the transaction that takes the notes. A level is a state, so announcing the latest one is enough, and
 * a flash sale does not turn into one event per reservation. Several instances share the work: each takes the marks
 * the others are not holding.
 */
@Component
class StockAnnouncer {

    private static final int BATCH = 1000;

    private final Stock stock;
    private final StockChanges changes;
    private final InventoryMessaging messaging;
    private final TransactionTemplate transaction;

    StockAnnouncer(Stock stock, StockChanges changes, InventoryMessaging messaging, PlatformTransactionManager transactions) {
        this.stock = stock;
        this.changes = changes;
        this.messaging = messaging;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${checkout.inventory.announce-interval:200ms}")
    void announceChangedLevels() {
        Integer announced;
        do {
            announced = transaction.execute(status -> {
                StockChanges.Taken taken = changes.take(BATCH);
                taken.products().forEach(this::announce);
                return taken.count();
            });
        } while (announced != null && announced == BATCH);
    }

    private void announce(String productId) {
        List<Stock.Row> rows = stock.rowsOf(productId);
        int productAvailable = rows.stream().mapToInt(Stock.Row::available).sum();
        rows.stream().map(Stock.Row::variantId).distinct().forEach(variantId -> {
            List<Stock.Row> ofVariant = rows.stream().filter(r -> Objects.equals(r.variantId(), variantId)).toList();
            messaging.publish(OutgoingMessage.of(InventoryTopics.EVENTS, productId, new StockLevelChanged(productId, variantId,
                    ofVariant.stream().mapToInt(Stock.Row::total).sum(), ofVariant.stream().mapToInt(Stock.Row::reserved).sum(),
                    ofVariant.stream().mapToInt(Stock.Row::available).sum(), productAvailable)));
        });
    }
}
