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
     * inventory; and {@code reserving}, the number of holds still waiting for inventory's reservation.
     */
    record Standing(int sold, int confirmed, int held, int reserving) {
        static final Standing NONE = new Standing(0, 0, 0, 0);

        Standing(int sold, int confirmed, int held) {
            this(sold, confirmed, held, 0);
        }
    }

    /** Units neither sold nor held: what admission may hand out now. */
    int free(Standing standing) {
        return Math.max(0, quantity - standing.sold() - standing.held());
    }

    /** Every unit is in a confirmed order: nothing a lapsed token or failed order could give back. */
    boolean soldOut(Standing standing) {
        return standing.confirmed() >= quantity;
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
