package dev.checkout.identity;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users of the {@code identity} schema. E-mail addresses are unique regardless of case. */
@Repository
class Users {

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /** Adds the user unless the e-mail is taken; returns whether it was added. */
    boolean addIfEmailFree(User user) {
        return jdbc.sql("""
                        insert into identity.users (user_id, email, email_normalized, password_hash, first_name, last_name, roles, status, created_at)
                        values (:id, :email, :normalized, :hash, :first, :last, :roles, :status, :created)
                        on conflict (email_normalized) do nothing""")
                .param("id", user.userId())
                .param("email", user.email().trim())
                .param("normalized", normalize(user.email()))
                .param("hash", user.passwordHash())
                .param("first", user.firstName())
                .param("last", user.lastName())
                .param("roles", user.roles().toArray(String[]::new))
                .param("status", user.status())
                .param("created", java.sql.Timestamp.from(user.createdAt()))
                .update() == 1;
    }

    Optional<User> byEmail(String email) {
        return jdbc.sql("select * from identity.users where email_normalized = :email").param("email", normalize(email))
                .query(Users::map).optional();
    }

    Optional<User> byId(String userId) {
        return jdbc.sql("select * from identity.users where user_id = :id").param("id", userId).query(Users::map).optional();
    }

    void grantAndSetPassword(String userId, List<String> roles, String passwordHash) {
        jdbc.sql("update identity.users set roles = :roles, password_hash = :hash, updated_at = now() where user_id = :id")
                .param("roles", roles.toArray(String[]::new)).param("hash", passwordHash).param("id", userId).update();
    }

    /** Sets an account's status; whether there was such an account. */
    boolean setStatus(String userId, String status) {
        return jdbc.sql("update identity.users set status = :status, updated_at = now() where user_id = :id")
                .param("status", status).param("id", userId).update() == 1;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new User(rs.getString("user_id"), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("first_name"), rs.getString("last_name"), Arrays.asList((String[]) roles.getArray()),
                rs.getString("status"), rs.getTimestamp("created_at").toInstant());
    }
}
