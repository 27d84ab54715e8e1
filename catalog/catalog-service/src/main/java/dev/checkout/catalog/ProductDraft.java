package dev.checkout.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Problems;

/**
 * The fields an admin sets on a product, as the API names them. Both creation and a merge patch end in a complete
 * draft that is validated as a whole, so a patch can never leave a product in a state creation would refuse.
 */
record ProductDraft(
        String sku,
        String name,
        String description,
        String brand,
        Object categoryPath,
        BigDecimal basePrice,
        BigDecimal salePrice,
        Instant saleStartsAt,
        Instant saleEndsAt,
        String currency,
        Map<String, Object> attributes,
        String status,
        List<VariantDraft> variants) {

    static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    record VariantDraft(String variantId, String sku, String name, Map<String, Object> attributes, BigDecimal priceModifier) {
    }

    /** A path like {@code electronics/laptops}, from that string or from {@code ["electronics", "laptops"]}. */
    String normalizedCategoryPath() {
        List<String> segments = switch (categoryPath) {
            case null -> List.of();
            case String text -> Arrays.asList(text.split("[/>]"));
            case List<?> list -> list.stream().map(String::valueOf).toList();
            default -> throw invalid(List.of(new Problems.FieldError("category_path", "must be a string or an array of strings")));
        };
        String path = segments.stream().map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.joining("/"));
        return path.isEmpty() ? null : path;
    }

    String effectiveCurrency() {
        return currency == null ? "USD" : currency;
    }

    String effectiveStatus() {
        return status == null ? "ACTIVE" : status;
    }

    /** Throws a 400 naming every field that is wrong. */
    void validate() {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (sku == null || sku.isBlank()) {
            errors.add(new Problems.FieldError("sku", "is required"));
        } else if (sku.length() > 100) {
            errors.add(new Problems.FieldError("sku", "must be at most 100 characters"));
        }
        if (name == null || name.isBlank()) {
            errors.add(new Problems.FieldError("name", "is required"));
        } else if (name.length() > 500) {
            errors.add(new Problems.FieldError("name", "must be at most 500 characters"));
        }
        if (description != null && description.length() > 20_000) {
            errors.add(new Problems.FieldError("description", "must be at most 20000 characters"));
        }
        if (brand != null && brand.length() > 255) {
            errors.add(new Problems.FieldError("brand", "must be at most 255 characters"));
        }
        if (!(categoryPath == null || categoryPath instanceof String || categoryPath instanceof List<?>)) {
            errors.add(new Problems.FieldError("category_path", "must be a string or an array of strings"));
        }
        price("base_price", basePrice, true, errors);
        price("sale_price", salePrice, false, errors);
        if (basePrice != null && salePrice != null && salePrice.compareTo(basePrice) > 0) {
            errors.add(new Problems.FieldError("sale_price", "must not exceed base_price"));
        }
        if (saleStartsAt != null && saleEndsAt != null && !saleEndsAt.isAfter(saleStartsAt)) {
            errors.add(new Problems.FieldError("sale_ends_at", "must be after sale_starts_at"));
        }
        if (currency != null && !isCurrency(currency)) {
            errors.add(new Problems.FieldError("currency", "must be an ISO 4217 code such as USD"));
        }
        if (status != null && !Set.of("ACTIVE", "INACTIVE").contains(status)) {
            errors.add(new Problems.FieldError("status", "must be ACTIVE or INACTIVE"));
        }
        Set<String> skus = new HashSet<>();
        if (sku != null) {
            skus.add(sku);
        }
        for (int i = 0; variants != null && i < variants.size(); i++) {
            VariantDraft variant = variants.get(i);
            String field = "variants[" + i + "]";
            if (variant == null) {
                errors.add(new Problems.FieldError(field, "must be an object"));
                continue;
            }
            if (variant.sku() == null || variant.sku().isBlank()) {
                errors.add(new Problems.FieldError(field + ".sku", "is required"));
            } else if (!skus.add(variant.sku())) {
                errors.add(new Problems.FieldError(field + ".sku", "is used twice"));
            }
            BigDecimal modifier = variant.priceModifier() == null ? BigDecimal.ZERO : variant.priceModifier();
            if (modifier.scale() > 2) {
                errors.add(new Problems.FieldError(field + ".price_modifier", "must have at most two decimals"));
            }
            BigDecimal unit = salePrice != null ? salePrice : basePrice;
            if (unit != null && unit.add(modifier).signum() < 0) {
                errors.add(new Problems.FieldError(field + ".price_modifier", "makes the variant's price negative"));
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static void price(String field, BigDecimal value, boolean required, List<Problems.FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new Problems.FieldError(field, "is required"));
            }
        } else if (value.signum() < 0) {
            errors.add(new Problems.FieldError(field, "must not be negative"));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new Problems.FieldError(field, "must have at most two decimals"));
        } else if (value.compareTo(MAX_PRICE) > 0) {
            errors.add(new Problems.FieldError(field, "is too large"));
        }
    }

    private static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && code.equals(code.toUpperCase()) && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ApiException invalid(List<Problems.FieldError> errors) {
        return ApiException.badRequest("validation_failed", "The product is not valid")
                .with("errors", errors.stream().map(e -> {
                    Map<String, String> error = new LinkedHashMap<>();
                    error.put("field", e.field());
                    error.put("message", e.message());
                    return error;
                }).toList());
    }
}
