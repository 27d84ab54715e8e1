package dev.checkout.order.flashsale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import dev.checkout.platform.core.DomainModel;

/**
 * A flash sale as an admin defined it: {@code quantity} units of one product (or variant) at {@code salePrice} between
 * {@code startsAt} and {@code endsAt}, at most {@code perUserLimit} units a customer. Its standing (how many units are
 * sold or held) is counted from the holds of record, never stored here, so it cannot drift.
 */
@DomainModel
record FlashSale(String flashSaleId, String productId, String variantId, int quantity, BigDecimal salePrice, String currency,
                 String productName, Instant startsAt, Instant endsAt, int perUserLimit) {

    static final String ID_TYPE = "fls";

    enum Status { SCHEDULED, LIVE, SOLD_OUT, ENDED }

    FlashSale {
        Objects.requireNonNull(flashSaleId);
        Objects.requireNonNull(productId);
        if (quantity < 1 || perUserLimit < 1) {
            throw new IllegalArgumentException("a flash sale has at least one unit and allows at least one a customer");
        }
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a flash sale ends after it starts");
        }
    }

    /**
     * Units counted from the holds of record: {@code sold} by orders placed and not failed or cancelled,
     * {@code confirmed} the part of those confirmed, {@code held} by holds not yet paid nor let go (a token past its
     * time holds until the expiry has let it go: paying takes the same row lock) or let go and not yet back in
     * inventory; {@code reserving}, the number of holds still waiting for inventory's reservation; and
     * {@code stockCap}, the units the sale can sell at most since inventory refused one of its holds for want of stock
     * (null while it never did).
     */
    record Standing(int sold, int confirmed, int held, int reserving, Integer stockCap) {
        static final Standing NONE = new Standing(0, 0, 0, 0, null);

        Standing(int sold, int confirmed, int held) {
            this(sold, confirmed, held, 0, null);
        }
    }

    /** The units the sale can sell: its quantity, or fewer once its product's stock turned out shorter. */
    int sellable(Standing standing) {
        return standing.stockCap() == null ? quantity : Math.min(quantity, standing.stockCap());
    }

    /** Units neither sold nor held: what admission may hand out now. */
    int free(Standing standing) {
        return Math.max(0, sellable(standing) - standing.sold() - standing.held());
    }

    /** Every unit it can sell is in a confirmed order: nothing a lapsed token or failed order could give back. */
    boolean soldOut(Standing standing) {
        return standing.confirmed() >= sellable(standing);
    }

    /**
     * The sale's cap once inventory refused one of its holds for want of stock, saying it had {@code inventoryHad}
     * units left: what the sale has out (sold or held, each of which may still come back to it) and those. The
     * product's stock is shorter than the sale (sold elsewhere too, or the sale defined over more than there was), and
     * without a cap every round would hand the units inventory does not have to the head of the line again, each
     * refused in turn, while the line never moved nor heard it was sold out. Units the sale has out that inventory had
     * already taken back when it answered count twice, so the cap may be high; the next refusal lowers it.
     */
    int stockCapAfterRefusal(Standing standing, int inventoryHad) {
        int cap = standing.sold() + standing.held() + Math.max(0, inventoryHad);
        return standing.stockCap() == null ? cap : Math.min(cap, standing.stockCap());
    }

    Status statusAt(Instant now, Standing standing) {
        if (!now.isBefore(endsAt)) {
            return Status.ENDED;
        }
        if (soldOut(standing)) {
            return Status.SOLD_OUT;
        }
        return now.isBefore(startsAt) ? Status.SCHEDULED : Status.LIVE;
    }

    boolean admitsAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }
}
