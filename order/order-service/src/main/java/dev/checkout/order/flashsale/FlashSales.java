package dev.checkout.order.flashsale;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import dev.checkout.order.checkout.Checkout;

/** Flash sales and their tickets in the {@code orders} schema; a sale's standing is counted from its tickets' holds. */
@Repository
public class FlashSales {

    private final JdbcClient jdbc;

    FlashSales(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A customer's ticket: waiting while {@code checkoutId} is null, then the hold its purchase token buys. */
    record Ticket(String ticketId, String flashSaleId, String userId, int quantity, double queueScore, String checkoutId,
                  String purchaseToken, Instant joinedAt) {
    }

    static final String TICKET_ID_TYPE = "tkt";

    /** Whether the checkout is a flash sale's hold: keyed by a ticket where a two-step checkout names its cart. */
    public static boolean isHold(Checkout checkout) {
        return checkout.cartId().startsWith(TICKET_ID_TYPE + "_");
    }

    void add(FlashSale sale) {
        jdbc.sql("""
                        insert into orders.flash_sales (flash_sale_id, product_id, variant_id, quantity, sale_price, currency, product_name,
                            starts_at, ends_at, per_user_limit)
                        values (:id, :product, :variant, :quantity, :price, :currency, :name, :starts, :ends, :limit)""")
                .param("id", sale.flashSaleId()).param("product", sale.productId()).param("variant", sale.variantId())
                .param("quantity", sale.quantity()).param("price", sale.salePrice()).param("currency", sale.currency())
                .param("name", sale.productName()).param("starts", Timestamp.from(sale.startsAt()))
                .param("ends", Timestamp.from(sale.endsAt())).param("limit", sale.perUserLimit())
                .update();
    }

    Optional<FlashSale> find(String flashSaleId) {
        return jdbc.sql("select * from orders.flash_sales where flash_sale_id = :id").param("id", flashSaleId).query(this::mapSale).optional();
    }

    /**
     * Locks the sale's row: admission rounds of one sale run one at a time, whichever instance runs them. {@code no key
     * update}, not {@code update}: a new ticket's foreign key takes a key-share lock on this row, which a plain
     * {@code for update} blocks, and every join would wait for the round to commit.
     */
    Optional<FlashSale> lock(String flashSaleId) {
        return jdbc.sql("select * from orders.flash_sales where flash_sale_id = :id for no key update").param("id", flashSaleId)
                .query(this::mapSale).optional();
    }

    List<String> admittingAt(Instant now) {
        return jdbc.sql("select flash_sale_id from orders.flash_sales where starts_at <= :now and ends_at > :now")
                .param("now", Timestamp.from(now)).query(String.class).list();
    }

    /**
     * Units of the sale sold (orders placed, not failed or cancelled), confirmed, and held by holds not paid nor let
     * go; and how many holds wait for inventory. A hold counts as held until it is EXPIRED (or FAILED), whatever its
     * time says: the expiry and the purchase take the hold's row lock, so a token paid at its last moment is never
     * counted free by a round that reads before the payment commits. One let go stays held until inventory says its
     * stock is back: reserved again before that, inventory (which takes the two on different partitions) refused the
     * new hold, whose ticket then waited again.
     */
    FlashSale.Standing standing(String flashSaleId) {
        return jdbc.sql("""
                        select coalesce(sum(t.quantity) filter (where c.status = 'PAID' and o.status not in ('FAILED', 'CANCELLED')), 0) as sold,
                               coalesce(sum(t.quantity) filter (where c.status = 'PAID' and o.status not in ('PENDING', 'FAILED', 'CANCELLED')), 0) as confirmed,
                               coalesce(sum(t.quantity) filter (where c.status in ('RESERVING', 'RESERVED') or c.stock_releasing), 0) as held,
                               count(*) filter (where c.status = 'RESERVING') as reserving,
                               (select stock_cap from orders.flash_sales where flash_sale_id = :id) as stock_cap
                        from orders.flash_sale_tickets t
                        join orders.checkouts c on c.checkout_id = t.checkout_id
                        left join orders.orders o on o.order_id = c.order_id
                        where t.flash_sale_id = :id and t.checkout_id is not null""")
                .param("id", flashSaleId).query((rs, n) -> new FlashSale.Standing(rs.getInt("sold"), rs.getInt("confirmed"), rs.getInt("held"),
                        rs.getInt("reserving"), rs.getObject("stock_cap", Integer.class)))
                .single();
    }

    /** The sale's holds past their time and not yet let go (at most {@code limit}), for the admission round to expire first. */
    List<String> overdueHolds(String flashSaleId, Instant now, int limit) {
        return jdbc.sql("""
                        select c.checkout_id from orders.flash_sale_tickets t join orders.checkouts c on c.checkout_id = t.checkout_id
                        where t.flash_sale_id = :id and t.checkout_id is not null and c.status in ('RESERVING', 'RESERVED') and c.expires_at <= :now
                        order by c.expires_at limit :limit""")
                .param("id", flashSaleId).param("now", Timestamp.from(now)).param("limit", limit).query(String.class).list();
    }

    /** Adds the ticket unless the customer has one for the sale already; returns the customer's ticket either way. */
    Ticket addOrFind(Ticket ticket) {
        jdbc.sql("""
                        insert into orders.flash_sale_tickets (ticket_id, flash_sale_id, user_id, quantity, queue_score, joined_at)
                        values (:id, :sale, :user, :quantity, :score, :joined)
                        on conflict (flash_sale_id, user_id) do nothing""")
                .param("id", ticket.ticketId()).param("sale", ticket.flashSaleId()).param("user", ticket.userId())
                .param("quantity", ticket.quantity()).param("score", ticket.queueScore()).param("joined", Timestamp.from(ticket.joinedAt()))
                .update();
        return ticketOf(ticket.flashSaleId(), ticket.userId()).orElseThrow();
    }

    Optional<Ticket> ticketOf(String flashSaleId, String userId) {
        return jdbc.sql("select * from orders.flash_sale_tickets where flash_sale_id = :sale and user_id = :user")
                .param("sale", flashSaleId).param("user", userId).query(this::mapTicket).optional();
    }

    Optional<Ticket> ticket(String ticketId) {
        return jdbc.sql("select * from orders.flash_sale_tickets where ticket_id = :id").param("id", ticketId).query(this::mapTicket).optional();
    }

    Optional<Ticket> ticketByToken(String purchaseToken) {
        return jdbc.sql("select * from orders.flash_sale_tickets where purchase_token = :token").param("token", purchaseToken)
                .query(this::mapTicket).optional();
    }

    /** Of these tickets, those still waiting (no hold), locked, in the order given by their scores. */
    List<Ticket> lockWaiting(List<String> ticketIds) {
        return jdbc.sql("""
                        select * from orders.flash_sale_tickets where ticket_id = any(:ids) and checkout_id is null
                        order by queue_score, ticket_id for update""")
                .param("ids", ticketIds.toArray(String[]::new)).query(this::mapTicket).list();
    }

    /**
     * A ticket whose hold failed and who waits again, in its place; {@code inventoryHad} is what inventory said it had
     * of the product when it refused the hold for want of stock, null when the hold failed for want of an answer.
     */
    record Refused(Ticket ticket, Integer inventoryHad) {
    }

    /**
     * Tickets whose hold failed, refused by inventory or never reserved in time: they wait again, in their place.
     */
    List<Refused> takeBackRefused(String flashSaleId) {
        return jdbc.sql("""
                        update orders.flash_sale_tickets t set checkout_id = null, purchase_token = null
                        from orders.checkouts c
                        where c.checkout_id = t.checkout_id and t.flash_sale_id = :id and c.status = 'FAILED'
                        returning t.*, (select max((item ->> 'available')::int) from jsonb_array_elements(
                            case when jsonb_typeof(c.failed_items) = 'array' then c.failed_items else '[]'::jsonb end) item) as inventory_had""")
                .param("id", flashSaleId).query((rs, n) -> new Refused(mapTicket(rs, n), rs.getObject("inventory_had", Integer.class))).list();
    }

    /** The sale sells at most {@code units} from now on (see {@link FlashSale#stockCapAfterRefusal}). */
    void capStock(String flashSaleId, int units) {
        jdbc.sql("update orders.flash_sales set stock_cap = least(coalesce(stock_cap, :units), :units) where flash_sale_id = :id")
                .param("units", units).param("id", flashSaleId).update();
    }

    /** The ticket is let in for {@code quantity} units (what it asked for, or fewer: the sale's last ones) under the hold. */
    void admit(String ticketId, String checkoutId, String purchaseToken, int quantity) {
        jdbc.sql("update orders.flash_sale_tickets set checkout_id = :checkout, purchase_token = :token, quantity = :quantity where ticket_id = :id")
                .param("checkout", checkoutId).param("token", purchaseToken).param("quantity", quantity).param("id", ticketId).update();
    }

    /** The sales, the latest to start first, for the back office's list. */
    List<FlashSale> page(int limit, long offset) {
        return jdbc.sql("select * from orders.flash_sales order by starts_at desc, flash_sale_id limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(this::mapSale).list();
    }

    long count() {
        return jdbc.sql("select count(*) from orders.flash_sales").query(Long.class).single();
    }

    private FlashSale mapSale(ResultSet rs, int row) throws SQLException {
        return new FlashSale(rs.getString("flash_sale_id"), rs.getString("product_id"), rs.getString("variant_id"), rs.getInt("quantity"),
                rs.getBigDecimal("sale_price"), rs.getString("currency"), rs.getString("product_name"),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getInt("per_user_limit"));
    }

    private Ticket mapTicket(ResultSet rs, int row) throws SQLException {
        return new Ticket(rs.getString("ticket_id"), rs.getString("flash_sale_id"), rs.getString("user_id"), rs.getInt("quantity"),
                rs.getDouble("queue_score"), rs.getString("checkout_id"), rs.getString("purchase_token"),
                rs.getTimestamp("joined_at").toInstant());
    }
}
