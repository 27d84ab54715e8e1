package dev.checkout.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds full card numbers in text, independently of the payment service's own guard: 13 to 19 digits in a row, or
 * grouped the way cards print them (4-4-4-4[-1..3], Amex 4-6-5, by spaces or dashes), standing alone, starting with a
 * major network's digit (2 to 6) and passing the Luhn check. Grouping other than a card's own (dates, order numbers
 * such as ORD-20261121-0123456789) is not read as a card number.
 */
final class CardNumberScanner {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z])(?:"
            + "[2-6]\\d{12,18}"
            + "|[2-6]\\d{3}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?"
            + "|3[47]\\d{2}([ -])\\d{6}\\2\\d{5}"
            + ")(?![0-9A-Za-z])");

    private CardNumberScanner() {
    }

    static List<String> cardNumbersIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CANDIDATE.matcher(text);
        while (matcher.find()) {
            if (passesLuhn(matcher.group().replaceAll("[ -]", ""))) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    private static boolean passesLuhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
