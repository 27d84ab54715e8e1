package dev.checkout.gateway;

import java.security.SecureRandom;

/** Stripe-style object ids: a type prefix and 24 random base-62 characters (about 143 bits), never guessable. */
final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String charge() {
        return next("ch_");
    }

    static String refund() {
        return next("re_");
    }

    private static String next(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 24).append(prefix);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
