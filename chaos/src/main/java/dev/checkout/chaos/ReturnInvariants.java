package dev.checkout.chaos;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * I9, returns, checked after a run has settled: every approved return is REFUNDED, with exactly one refund in the
 * gateway's ledger of exactly its amount (each returned line's paid share, recomputed here from the order; the
 * order's last return refunds what is left of its total); its units went back to stock exactly once; a return not
 * approved moved neither money nor stock; and the order shows it: REFUNDED when every unit came back, otherwise
 * still DELIVERED with the refunds in its {@code amount_refunded}.
 */
final class ReturnInvariants {

    private final Database database;
    private final JsonNode ledger;
    private final List<Invariants.Violation> violations = new ArrayList<>();

    ReturnInvariants(Database database, JsonNode ledger) {
        this.database = database;
        this.ledger = ledger;
    }

    List<Invariants.Violation> check() {
        Map<String, List<Map<String, Object>>> byOrder = new HashMap<>();
        for (Map<String, Object> r : database.rows("select return_id, order_id, status, refund_amount, completes_order, items::text as items "
                + "from orders.order_returns order by created_at")) {
            byOrder.computeIfAbsent((String) r.get("order_id"), k -> new ArrayList<>()).add(r);
        }
        byOrder.forEach(this::checkOrder);
        return violations;
    }

    private void checkOrder(String orderId, List<Map<String, Object>> returns) {
        Map<String, Object> order = database.rows("""
                select o.status, o.subtotal, o.discount_amount, o.tax_amount, o.total_amount, p.amount_refunded
                from orders.orders o left join payment.payments p on p.order_id = o.order_id where o.order_id = ?""", orderId).getFirst();
        Map<String, BigDecimal> unitPrices = new HashMap<>();
        for (Map<String, Object> line : database.rows("select product_id, unit_price from orders.order_items where order_id = ?", orderId)) {
            unitPrices.put((String) line.get("product_id"), (BigDecimal) line.get("unit_price"));
        }
        BigDecimal refundedSoFar = BigDecimal.ZERO;
        boolean allBack = false;
        for (Map<String, Object> r : returns) {
            String returnId = (String) r.get("return_id");
            String status = (String) r.get("status");
            BigDecimal amount = (BigDecimal) r.get("refund_amount");
            boolean approved = "APPROVED".equals(status) || "REFUNDED".equals(status);
            long units = 0;
            BigDecimal shares = BigDecimal.ZERO;
            for (JsonNode item : ApiClient.json().readTree((String) r.get("items"))) {
                units += item.path("quantity").asLong();
                shares = shares.add(share(order, unitPrices.get(item.path("product_id").asString()), item.path("quantity").asInt()));
            }
            long restocked = database.count("select coalesce(sum(quantity), 0) from inventory.returned_items where restock_id = ?", returnId);
            List<JsonNode> refunds = refundsOf(orderId, returnId);
            if (!approved) {
                if (restocked != 0 || !refunds.isEmpty()) {
                    violation(returnId + " is " + status + " but restocked " + restocked + " unit(s) and was refunded " + refunds.size() + " time(s)");
                }
                continue;
            }
            if (!"REFUNDED".equals(status)) {
                violation(returnId + " of " + orderId + " is still " + status + " after the run settled");
            }
            boolean completes = Boolean.TRUE.equals(r.get("completes_order"));
            BigDecimal expected = completes ? money(((BigDecimal) order.get("total_amount")).subtract(refundedSoFar)) : shares;
            if (amount.compareTo(expected) != 0) {
                violation(returnId + " refunds " + amount + " but its lines' paid share is " + expected);
            }
            if (refunds.size() != 1) {
                violation(returnId + " has " + refunds.size() + " refund(s) in the gateway's ledger, not one");
            } else if (refunds.getFirst().path("amount").asLong() != cents(amount)) {
                violation(returnId + " was refunded " + refunds.getFirst().path("amount").asLong() + " cents at the gateway, not " + cents(amount));
            }
            if (restocked != units) {
                violation(returnId + " brought back " + units + " unit(s) but inventory restocked " + restocked);
            }
            refundedSoFar = refundedSoFar.add(amount);
            allBack |= completes;
        }
        String expectedStatus = allBack ? "REFUNDED" : "DELIVERED";
        if (!expectedStatus.equals(order.get("status"))) {
            violation(orderId + " is " + order.get("status") + " after its returns, not " + expectedStatus);
        }
        BigDecimal paidBack = order.get("amount_refunded") == null ? BigDecimal.ZERO : (BigDecimal) order.get("amount_refunded");
        if (paidBack.compareTo(refundedSoFar) != 0) {
            violation(orderId + ": the payment shows " + paidBack + " refunded, its approved returns " + refundedSoFar);
        }
    }

    /** As the contract says: the units' price, less their share of the discount, plus their share of the tax. */
    private static BigDecimal share(Map<String, Object> order, BigDecimal unitPrice, int quantity) {
        BigDecimal price = unitPrice.multiply(BigDecimal.valueOf(quantity));
        BigDecimal subtotal = (BigDecimal) order.get("subtotal");
        if (subtotal.signum() == 0) {
            return money(price);
        }
        BigDecimal part = price.divide(subtotal, 10, RoundingMode.HALF_EVEN);
        return money(price.subtract(((BigDecimal) order.get("discount_amount")).multiply(part))
                .add(((BigDecimal) order.get("tax_amount")).multiply(part)));
    }

    /** The ledger's refunds made for this return: the payment service keys them {@code <order>:refund:return:<return>:…}. */
    private List<JsonNode> refundsOf(String orderId, String returnId) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode refund : ledger.path("refunds")) {
            if (refund.path("idempotency_key").asString("").startsWith(orderId + ":refund:return:" + returnId + ":")) {
                found.add(refund);
            }
        }
        return found;
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }

    private void violation(String detail) {
        violations.add(new Invariants.Violation("I9", detail));
    }
}
