package dev.checkout.order.flashsale;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.checkout.platform.core.Ids;
import dev.checkout.platform.core.Money;
import dev.checkout.platform.web.ApiException;
import org.springframework.stereotype.Service;
import dev.checkout.order.clients.PriceCopy;

/**
 * Defining flash sales (admins) and showing them (anyone): status and the units still to be had, counted from the
 * holds of record.
 */
@Service
class FlashSaleCatalog {

    private final FlashSales sales;
    private final PriceCopy prices;
    private final FlashSaleWaitingRoom room;
    private final Clock clock;
    /** Sales never change once defined, so every instance keeps those it was asked about: a crowd's joins read no row. */
    private final Map<String, FlashSale> defined = new ConcurrentHashMap<>();

    FlashSaleCatalog(FlashSales sales, PriceCopy prices, FlashSaleWaitingRoom room, Clock clock) {
        this.sales = sales;
        this.prices = prices;
        this.room = room;
        this.clock = clock;
    }

    /** A sale as the public sees it: {@code remaining} is the units neither sold nor held by a live purchase token. */
    record SaleView(String flashSaleId, String productId, String variantId, int quantity, BigDecimal salePrice, String currency,
                    Instant startsAt, Instant endsAt, int perUserLimit, FlashSale.Status status, int remaining) {
    }

    /** What an admin asks for, already checked for shape by the controller. */
    record Definition(String productId, String variantId, int quantity, BigDecimal salePrice, Instant startsAt, Instant endsAt,
                      int perUserLimit) {
    }

    SaleView define(Definition definition) {
        PriceCopy.Wanted wanted = new PriceCopy.Wanted(definition.productId(), definition.variantId());
        PriceCopy.Price product = prices.pricesOf(List.of(wanted)).get(wanted);
        if (product == null) {
            throw ApiException.unprocessable("product_not_found", "Product " + definition.productId()
                            + (definition.variantId() == null ? "" : " variant " + definition.variantId()) + " does not exist or is not for sale")
                    .with("product_id", definition.productId());
        }
        FlashSale sale = new FlashSale(Ids.newId(FlashSale.ID_TYPE), definition.productId(), definition.variantId(), definition.quantity(),
                Money.of(definition.salePrice()), product.currency(), product.name(), definition.startsAt(), definition.endsAt(),
                definition.perUserLimit());
        sales.add(sale);
        return view(sale);
    }

    SaleView show(String flashSaleId) {
        return view(sale(flashSaleId));
    }

    List<SaleView> list(int limit, long offset) {
        return sales.page(limit, offset).stream().map(this::view).toList();
    }

    long count() {
        return sales.count();
    }

    FlashSale sale(String flashSaleId) {
        if (!Ids.looksLike(FlashSale.ID_TYPE, flashSaleId)) {
            throw ApiException.notFound("Flash sale", flashSaleId);
        }
        FlashSale known = defined.get(flashSaleId);
        if (known != null) {
            return known;
        }
        FlashSale found = sales.find(flashSaleId).orElseThrow(() -> ApiException.notFound("Flash sale", flashSaleId));
        defined.put(flashSaleId, found);
        return found;
    }

    private SaleView view(FlashSale sale) {
        Instant now = clock.instant();
        FlashSale.Standing standing = room.isSoldOut(sale.flashSaleId())
                ? new FlashSale.Standing(sale.quantity(), sale.quantity(), 0) : sales.standing(sale.flashSaleId());
        return new SaleView(sale.flashSaleId(), sale.productId(), sale.variantId(), sale.quantity(), sale.salePrice(), sale.currency(),
                sale.startsAt(), sale.endsAt(), sale.perUserLimit(), sale.statusAt(now, standing), sale.free(standing));
    }

}
