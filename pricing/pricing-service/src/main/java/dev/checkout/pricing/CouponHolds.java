package dev.checkout.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A coupon's uses through a checkout's life: previewed, held for a checkout or order, redeemed when the order
 * confirms, given back when it fails, expires or is cancelled. Holding takes a use under a conditional UPDATE of the
 * coupon's counter, so however many customers race for the last use, at most {@code max_redemptions} hold or redeemed
 * it; a refused hold takes nothing.
 */
@Service
class CouponHolds {

    private final Coupons coupons;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CouponHolds(Coupons coupons, PlatformTransactionManager transactionManager, Clock clock) {
        this.coupons = coupons;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The discount the coupon would give, taking nothing; {@link CouponNotApplicable} when it does not apply. */
    BigDecimal preview(String code, BigDecimal subtotal, String currency) {
        return applicable(Coupon.normalize(code), subtotal, currency).discountOn(subtotal);
    }

    /**
     * Holds one use of the coupon for {@code holdId} (a checkout or order id) and returns its discount. Asking again for
     * the same holder holds nothing more.
     *
     * @throws CouponNotApplicable when it does not apply, with nothing held
     */
    BigDecimal hold(String code, String holdId, String userId, BigDecimal subtotal, String currency) {
        String normalized = Coupon.normalize(code);
        return transactions.execute(status -> {
            Optional<Coupons.Hold> existing = coupons.liveHold(holdId);
            if (existing.isPresent() && existing.get().code().equals(normalized)) {
                Coupon coupon = coupons.find(normalized).orElseThrow();
                return coupon.discountOn(subtotal);
            }
            existing.ifPresent(coupons::release); // the holder now asks for another coupon
            Coupon coupon = applicable(normalized, subtotal, currency);
            if (!coupons.takeUse(normalized)) {
                throw new CouponNotApplicable(normalized, "exhausted");
            }
            if (coupon.maxRedemptionsPerUser() != null && coupons.liveUsesOf(normalized, userId) >= coupon.maxRedemptionsPerUser()) {
                status.setRollbackOnly();
                throw new CouponNotApplicable(normalized, "per_user_limit");
            }
            BigDecimal discount = coupon.discountOn(subtotal);
            coupons.hold(holdId, normalized, userId, discount);
            return discount;
        });
    }

    /** A checkout became an order: the order's fate now settles the checkout's hold. */
    void orderPlaced(String checkoutId, String orderId) {
        coupons.linkOrder(checkoutId, orderId);
    }

    /** The order confirmed: its use of the coupon is final. */
    void confirmed(String orderId) {
        coupons.liveHold(orderId).ifPresent(coupons::redeem);
    }

    /** The checkout expired, or the order failed or was cancelled: its use goes back. */
    void ended(String holdOrOrderId) {
        coupons.liveHold(holdOrOrderId).ifPresent(coupons::release);
    }

    private Coupon applicable(String code, BigDecimal subtotal, String currency) {
        Coupon coupon = coupons.find(code).orElseThrow(() -> new CouponNotApplicable(code, "unknown"));
        coupon.refusal(subtotal, currency, clock.instant()).ifPresent(reason -> {
            throw new CouponNotApplicable(code, reason);
        });
        return coupon;
    }
}
