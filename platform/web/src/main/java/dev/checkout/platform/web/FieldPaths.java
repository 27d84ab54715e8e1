package dev.checkout.platform.web;

import java.util.Locale;

import tools.jackson.core.JacksonException;

/** Where in a request a bad value is, named as the client wrote it: snake_case fields, JSON paths with indexes. */
final class FieldPaths {

    private FieldPaths() {
    }

    /** The JSON path of the offending value as the client wrote it: {@code items[0].quantity}. */
    static String of(JacksonException exception) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** A bean-validation property path without the method and parameter names: {@code create.request.items[0].quantity} → {@code items[0].quantity}. */
    static String withoutMethodAndParameter(String propertyPath) {
        String[] parts = propertyPath.split("\\.", 3);
        return parts.length == 3 ? parts[2] : propertyPath;
    }

    /** Java property paths to the snake_case names the client used: {@code items[0].productId} → {@code items[0].product_id}. */
    static String snakeCase(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
