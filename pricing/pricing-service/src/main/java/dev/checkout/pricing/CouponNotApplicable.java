package dev.checkout.pricing;

import dev.checkout.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** 422 {@code coupon_not_applicable} with the contract's top-level {@code reason}; whatever the request changed is rolled back. */
final class CouponNotApplicable extends ApiException {

    CouponNotApplicable(String code, String reason) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "coupon_not_applicable", "Coupon " + code + " does not apply (" + reason + ")");
        with("reason", reason);
    }
}
