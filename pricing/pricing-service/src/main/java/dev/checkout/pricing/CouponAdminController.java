package dev.checkout.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import dev.checkout.platform.web.PageQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** ADMIN: {@code /api/v1/admin/coupons}: create, read, list and retire coupons. */
@RestController
class CouponAdminController {

    private final CouponAdministration administration;

    CouponAdminController(CouponAdministration administration) {
        this.administration = administration;
    }

    @PostMapping("/api/v1/admin/coupons")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@Valid @RequestBody NewCoupon request) {
        return CouponAdministration.view(administration.create(request.code(), Coupon.Type.valueOf(request.type()), request.value(),
                request.currency(), request.minSubtotal(), request.startsAt(), request.endsAt(), request.maxRedemptions(),
                request.maxRedemptionsPerUser()));
    }

    @GetMapping("/api/v1/admin/coupons/{code}")
    Map<String, Object> find(@PathVariable String code) {
        return CouponAdministration.view(administration.find(code));
    }

    @GetMapping("/api/v1/admin/coupons")
    Map<String, Object> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer limit) {
        return administration.list(PageQuery.of(page, limit));
    }

    @PatchMapping("/api/v1/admin/coupons/{code}")
    Map<String, Object> change(@PathVariable String code, @Valid @RequestBody CouponChange request) {
        return CouponAdministration.view(administration.setActive(code, request.active()));
    }

    record NewCoupon(
            @NotBlank(message = "is required") @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 letters, digits, - or _") String code,
            @NotNull(message = "is required") @Pattern(regexp = "PERCENT|FIXED", message = "must be PERCENT or FIXED") String type,
            @NotNull(message = "is required") @DecimalMin(value = "0.01", message = "must be positive")
            @DecimalMax(value = "1000000", message = "must be at most 1000000") @Digits(integer = 7, fraction = 2, message = "must have at most two decimals") BigDecimal value,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            @DecimalMin(value = "0.00", message = "must not be negative") @DecimalMax(value = "1000000000", message = "is too large")
            @Digits(integer = 10, fraction = 2, message = "must have at most two decimals") BigDecimal minSubtotal,
            Instant startsAt,
            Instant endsAt,
            @Min(value = 1, message = "must be at least 1") Integer maxRedemptions,
            @Min(value = 1, message = "must be at least 1") Integer maxRedemptionsPerUser) {
    }

    record CouponChange(@NotNull(message = "is required") Boolean active) {
    }
}
