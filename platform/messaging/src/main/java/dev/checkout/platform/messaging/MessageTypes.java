package dev.checkout.platform.messaging;

import dev.checkout.platform.contracts.MessageType;

/** The wire names of message records, as their {@link MessageType} declares them. */
public final class MessageTypes {

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            MessageType declared = type.getAnnotation(MessageType.class);
            if (declared == null || declared.value().isBlank()) {
                throw new IllegalArgumentException(type.getName() + " is not a message: it declares no @MessageType wire name");
            }
            return declared.value();
        }
    };

    private MessageTypes() {
    }

    /** The wire name of {@code type}; fails for a class that declares none. */
    public static String of(Class<?> type) {
        return NAMES.get(type);
    }
}
