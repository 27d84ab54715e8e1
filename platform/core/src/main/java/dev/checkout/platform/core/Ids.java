package dev.checkout.platform.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Opaque ids with a type prefix ({@code order_9f86d0…}), as the public API shows them. 128 random bits from a
 * {@link SecureRandom}, so ids that guard something (carts, checkouts) cannot be guessed.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    public static String newId(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + "_" + HEX.formatHex(bytes);
    }

    /** Whether {@code id} has the shape {@link #newId} gives for {@code prefix}; anything else cannot exist. */
    public static boolean looksLike(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 33 || !id.startsWith(prefix + "_")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
