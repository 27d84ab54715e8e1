package dev.checkout.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.PageQuery;
import dev.checkout.platform.web.Pagination;
import org.springframework.stereotype.Service;

/** Admins define, read and retire coupons. */
@Service
class CouponAdministration {

    private final Coupons coupons;

    CouponAdministration(Coupons coupons) {
        this.coupons = coupons;
    }

    /** A new coupon, checked as a whole; 409 {@code coupon_exists} when its code (in any case) is taken. */
    Coupon create(String code, Coupon.Type type, BigDecimal value, String currency, BigDecimal minSubtotal, Instant startsAt,
                  Instant endsAt, Integer maxRedemptions, Integer maxRedemptionsPerUser) {
        if (type == Coupon.Type.PERCENT && value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw invalid("value", "a percentage must be at most 100");
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            throw invalid("ends_at", "must be after starts_at");
        }
        if (maxRedemptions != null && maxRedemptionsPerUser != null && maxRedemptionsPerUser > maxRedemptions) {
            throw invalid("max_redemptions_per_user", "must not exceed max_redemptions");
        }
        Coupon coupon = new Coupon(Coupon.normalize(code), type, Money.of(value), currency == null ? Money.DEFAULT_CURRENCY : currency,
                minSubtotal == null ? null : Money.of(minSubtotal), startsAt, endsAt, maxRedemptions, maxRedemptionsPerUser, true,
                0, 0, null);
        if (!coupons.add(coupon)) {
            throw ApiException.conflict("coupon_exists", "There is already a coupon " + coupon.code());
        }
        return find(coupon.code());
    }

    Coupon find(String code) {
        return coupons.find(Coupon.normalize(code)).orElseThrow(() -> ApiException.notFound("Coupon", code));
    }

    Coupon setActive(String code, boolean active) {
        if (!coupons.setActive(Coupon.normalize(code), active)) {
            throw ApiException.notFound("Coupon", code);
        }
        return find(code);
    }

    Map<String, Object> list(PageQuery page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("coupons", coupons.page(page.limit(), page.offset()).stream().map(CouponAdministration::view).toList());
        body.put("pagination", Pagination.of(page, coupons.count()));
        return body;
    }

    /** The admin's view of a coupon: its definition, {@code redemptions} (confirmed orders) and {@code held} (live checkouts and orders not yet confirmed). */
    static Map<String, Object> view(Coupon coupon) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", coupon.code());
        view.put("type", coupon.type().name());
        view.put("value", coupon.value());
        view.put("currency", coupon.currency());
        view.put("min_subtotal", coupon.minSubtotal());
        view.put("starts_at", coupon.startsAt());
        view.put("ends_at", coupon.endsAt());
        view.put("max_redemptions", coupon.maxRedemptions());
        view.put("max_redemptions_per_user", coupon.maxRedemptionsPerUser());
        view.put("active", coupon.active());
        view.put("redemptions", coupon.redemptions());
        view.put("held", coupon.inUse() - coupon.redemptions());
        view.put("created_at", coupon.createdAt());
        return view;
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("validation_failed", "The coupon is not valid: " + field + " " + message)
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }
}
