package dev.checkout.identity;

import dev.checkout.identity.api.SavedAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.checkout.platform.core.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's addresses. A new default address of a type replaces the previous default of that type. */
@Service
class AddressBook {

    private final JdbcClient jdbc;

    AddressBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    SavedAddress add(String userId, NewAddress address) {
        String type = address.type() == null ? "SHIPPING" : address.type();
        boolean isDefault = Boolean.TRUE.equals(address.isDefault()) || list(userId).stream().noneMatch(a -> a.type().equals(type));
        if (isDefault) {
            jdbc.sql("update identity.addresses set is_default = false where user_id = :user and type = :type and is_default")
                    .param("user", userId).param("type", type).update();
        }
        String id = Ids.newId("addr");
        jdbc.sql("""
                        insert into identity.addresses (address_id, user_id, type, street, city, state, zip, country, is_default)
                        values (:id, :user, :type, :street, :city, :state, :zip, :country, :isDefault)""")
                .param("id", id).param("user", userId).param("type", type)
                .param("street", address.street()).param("city", address.city()).param("state", address.state())
                .param("zip", address.zip()).param("country", address.country()).param("isDefault", isDefault)
                .update();
        return find(userId, id).orElseThrow();
    }

    List<SavedAddress> list(String userId) {
        return jdbc.sql("select * from identity.addresses where user_id = :user order by created_at, address_id")
                .param("user", userId).query(AddressBook::map).list();
    }

    Optional<SavedAddress> find(String userId, String addressId) {
        return jdbc.sql("select * from identity.addresses where user_id = :user and address_id = :id")
                .param("user", userId).param("id", addressId).query(AddressBook::map).optional();
    }

    private static SavedAddress map(ResultSet rs, int row) throws SQLException {
        return new SavedAddress(rs.getString("address_id"), rs.getString("type"), rs.getString("street"), rs.getString("city"),
                rs.getString("state"), rs.getString("zip"), rs.getString("country"), rs.getBoolean("is_default"));
    }

    record NewAddress(String street, String city, String state, String zip, String country, String type, Boolean isDefault) {
    }

}
