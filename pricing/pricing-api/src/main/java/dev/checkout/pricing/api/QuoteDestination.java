package dev.checkout.pricing.api;

/** Where the lines go: the country sets tax and shipping. */
public record QuoteDestination(String country, String state, String zip) {

    public static QuoteDestination country(String country) {
        return new QuoteDestination(country, null, null);
    }
}
