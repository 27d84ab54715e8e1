package dev.checkout.platform.web;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Values no field of the API can hold are refused while the body is read, for every field of every request, typed or
 * free-form (product attributes): a string with a NUL character (PostgreSQL cannot store one: a 500 later) and a number
 * beyond {@value #MAX_DIGITS} digits before or after the point. {@code 5e500000000} is twelve characters, so the
 * parser's length limits let it through, but rounding it to cents or writing it out makes half a billion digits:
 * minutes of CPU for one anonymous request.
 */
final class EdgeValues {

    static final int MAX_DIGITS = 18;

    private EdgeValues() {
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("checkout-edge-values");
        module.setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                                                           ValueDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                boolean checked = type == String.class || type == BigDecimal.class || type == Object.class
                        || JsonNode.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type);
                return checked ? new Checked(deserializer) : deserializer;
            }
        });
        // Trees are made by their own factory method, which skips the modifier above.
        @SuppressWarnings("unchecked")
        ValueDeserializer<JsonNode> trees = (ValueDeserializer<JsonNode>) (ValueDeserializer<?>) new Checked(JsonNodeDeserializer.getDeserializer(JsonNode.class));
        module.addDeserializer(JsonNode.class, trees);
        return module;
    }

    /** Why {@code value} (or anything inside it) cannot be taken, or {@code null}. */
    static String refusal(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> text.indexOf('\u0000') >= 0 ? "must not contain a NUL character" : null;
            case BigDecimal number -> tooLarge(number) ? "must have at most " + MAX_DIGITS + " digits before and after the point" : null;
            case JsonNode node -> nodeRefusal(node);
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String why = entry.getKey() instanceof String key && key.indexOf('\u0000') >= 0 ? "must not contain a NUL character"
                            : refusal(entry.getValue());
                    if (why != null) {
                        yield why;
                    }
                }
                yield null;
            }
            case Collection<?> items -> items.stream().map(EdgeValues::refusal).filter(why -> why != null).findFirst().orElse(null);
            default -> null;
        };
    }

    static boolean tooLarge(BigDecimal number) {
        // precision and scale are fields of a BigDecimal: this costs nothing, whatever the exponent.
        long integerDigits = (long) number.precision() - number.scale();
        return integerDigits > MAX_DIGITS || number.scale() > MAX_DIGITS;
    }

    private static String nodeRefusal(JsonNode node) {
        if (node.isString()) {
            return refusal(node.asString());
        }
        if (node.isNumber()) {
            return refusal(node.decimalValue());
        }
        for (var property : node.properties()) {
            String why = property.getKey().indexOf('\u0000') >= 0 ? "must not contain a NUL character" : nodeRefusal(property.getValue());
            if (why != null) {
                return why;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String why = nodeRefusal(element);
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    /** A refused value: a 400 that names the field and says why. */
    static final class RefusedValueException extends InvalidFormatException {
        RefusedValueException(JsonParser parser, String message, Object value, Class<?> type) {
            super(parser, message, value, type);
        }
    }

    private static final class Checked extends DelegatingDeserializer {

        Checked(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
            return new Checked(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            String why = refusal(value);
            if (why != null) {
                throw new RefusedValueException(parser, why, null, handledType());
            }
            return value;
        }
    }
}
