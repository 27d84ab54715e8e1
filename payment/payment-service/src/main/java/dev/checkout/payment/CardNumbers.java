package dev.checkout.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises full card numbers (PANs), which must never be stored or logged (PCI DSS): 13 to 19 digits, optionally
 * grouped by single spaces or dashes, standing alone (not inside a longer word or id), starting with a major network's
 * first digit (2 to 6: Mastercard, Amex, Diners, JCB, Visa, Discover, UnionPay, Maestro) and passing the Luhn check.
 * The first-digit rule keeps epoch timestamps (13 digits starting with 1) from counting as card numbers.
 */
final class CardNumbers {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])[2-6](?:[ -]?[0-9]){12,18}(?![0-9A-Za-z])");

    private static final Pattern CARD_LENGTH_DIGITS = Pattern.compile("[0-9](?:[ -]?[0-9]){12,}");

    private CardNumbers() {
    }

    /**
     * Whether a gateway token may carry a card number: it is one, or it holds a run of 13 or more digits anywhere
     * ({@code tok_4242424242424242}). Gateway tokens never do, so such a "token" is refused whole, Luhn or not.
     */
    static boolean mayHoldCardNumber(String token) {
        return token != null && (looksLikeCardNumber(token) || CARD_LENGTH_DIGITS.matcher(token).find());
    }

    /** Whether {@code text}, as a whole, is a card number. */
    static boolean looksLikeCardNumber(String text) {
        return text != null && CANDIDATE.matcher(text.strip()).matches() && luhn(digits(text.strip()));
    }

    /** Every card number standing in {@code text}. */
    static List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (luhn(digits(matcher.group()))) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    private static String digits(String candidate) {
        return candidate.replaceAll("[ -]", "");
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
