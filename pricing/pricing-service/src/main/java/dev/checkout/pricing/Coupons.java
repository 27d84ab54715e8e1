package dev.checkout.pricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code pricing.coupons} and {@code pricing.coupon_holds} tables. */
@Repository
class Coupons {

    private static final String COLUMNS = """
            code, type, value, currency, min_subtotal, starts_at, ends_at, max_redemptions, max_redemptions_per_user,
            active, in_use, redemptions, created_at""";

    private final JdbcClient jdbc;

    Coupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the coupon unless its code is taken; whether it was added. */
    boolean add(Coupon coupon) {
        return jdbc.sql("""
                        insert into pricing.coupons (code, type, value, currency, min_subtotal, starts_at, ends_at, max_redemptions,
                                                     max_redemptions_per_user, active)
                        values (:code, :type, :value, :currency, :min, :starts, :ends, :max, :perUser, :active)
                        on conflict (code) do nothing""")
                .param("code", coupon.code()).param("type", coupon.type().name()).param("value", coupon.value())
                .param("currency", coupon.currency()).param("min", coupon.minSubtotal())
                .param("starts", timestamp(coupon.startsAt())).param("ends", timestamp(coupon.endsAt()))
                .param("max", coupon.maxRedemptions()).param("perUser", coupon.maxRedemptionsPerUser())
                .param("active", coupon.active()).update() == 1;
    }

    Optional<Coupon> find(String code) {
        return jdbc.sql("select " + COLUMNS + " from pricing.coupons where code = ?").param(code).query(Coupons::coupon).optional();
    }

    List<Coupon> page(int limit, int offset) {
        return jdbc.sql("select " + COLUMNS + " from pricing.coupons order by created_at desc, code limit ? offset ?")
                .params(limit, offset).query(Coupons::coupon).list();
    }

    long count() {
        return jdbc.sql("select count(*) from pricing.coupons").query(Long.class).single();
    }

    /** Sets whether the coupon can be used; whether it exists. Uses already held keep their course. */
    boolean setActive(String code, boolean active) {
        return jdbc.sql("update pricing.coupons set active = ? where code = ?").params(active, code).update() == 1;
    }

    /**
     * Takes one use of the coupon if one is left: a conditional UPDATE, so concurrent takers queue on the row and at
     * most {@code max_redemptions} uses ever coexist. The row stays locked until the caller's transaction ends.
     */
    boolean takeUse(String code) {
        return jdbc.sql("""
                        update pricing.coupons set in_use = in_use + 1
                        where code = ? and (max_redemptions is null or in_use < max_redemptions)""")
                .param(code).update() == 1;
    }

    /** Uses of the coupon the customer holds or redeemed (call with the coupon row locked by {@link #takeUse}). */
    int liveUsesOf(String code, String userId) {
        return jdbc.sql("select count(*) from pricing.coupon_holds where code = ? and user_id = ? and status in ('HELD', 'REDEEMED')")
                .params(code, userId).query(Integer.class).single();
    }

    /** The live hold made for this checkout or order, if any. */
    Optional<Hold> liveHold(String holdId) {
        return jdbc.sql("""
                        select hold_id, code, status from pricing.coupon_holds
                        where (hold_id = :id or order_id = :id) and status in ('HELD', 'REDEEMED') for update""")
                .param("id", holdId).query((rs, n) -> new Hold(rs.getString("hold_id"), rs.getString("code"), rs.getString("status")))
                .optional();
    }

    record Hold(String holdId, String code, String status) {
    }

    /** Records a held use; a released hold under the same id (a retried quote after its release) is taken again. */
    void hold(String holdId, String code, String userId, BigDecimal discount) {
        jdbc.sql("""
                        insert into pricing.coupon_holds (hold_id, code, user_id, discount, status) values (?, ?, ?, ?, 'HELD')
                        on conflict (hold_id) do update set code = excluded.code, user_id = excluded.user_id,
                            discount = excluded.discount, status = 'HELD', held_at = now(), settled_at = null""")
                .params(holdId, code, userId, discount).update();
    }

    /** Ties a checkout's hold to the order placed from it. */
    void linkOrder(String holdId, String orderId) {
        jdbc.sql("update pricing.coupon_holds set order_id = ? where hold_id = ? and order_id is null").params(orderId, holdId).update();
    }

    /** Marks the hold redeemed and counts the redemption, once. */
    void redeem(Hold hold) {
        if (jdbc.sql("update pricing.coupon_holds set status = 'REDEEMED', settled_at = now() where hold_id = ? and status = 'HELD'")
                .param(hold.holdId()).update() == 1) {
            jdbc.sql("update pricing.coupons set redemptions = redemptions + 1 where code = ?").param(hold.code()).update();
        }
    }

    /** Gives the hold's use back (and its redemption, if it had been confirmed). */
    void release(Hold hold) {
        jdbc.sql("update pricing.coupon_holds set status = 'RELEASED', settled_at = now() where hold_id = ?").param(hold.holdId()).update();
        jdbc.sql("""
                        update pricing.coupons set in_use = in_use - 1,
                            redemptions = redemptions - case when ? = 'REDEEMED' then 1 else 0 end
                        where code = ?""")
                .params(hold.status(), hold.code()).update();
    }

    private static Coupon coupon(ResultSet rs, int row) throws SQLException {
        return new Coupon(rs.getString("code"), Coupon.Type.valueOf(rs.getString("type")), rs.getBigDecimal("value"),
                rs.getString("currency"), rs.getBigDecimal("min_subtotal"), instant(rs.getTimestamp("starts_at")),
                instant(rs.getTimestamp("ends_at")), (Integer) rs.getObject("max_redemptions"),
                (Integer) rs.getObject("max_redemptions_per_user"), rs.getBoolean("active"), rs.getInt("in_use"),
                rs.getInt("redemptions"), instant(rs.getTimestamp("created_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
