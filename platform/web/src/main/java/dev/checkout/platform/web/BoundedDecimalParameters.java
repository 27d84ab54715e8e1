package dev.checkout.platform.web;

import java.beans.PropertyEditorSupport;
import java.math.BigDecimal;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Decimal query and path parameters get the bound {@link EdgeValues} puts on numbers in bodies: {@code
 * max_price=5E+500000000} is a valid {@link BigDecimal}, and rounding it to cents makes half a billion digits (minutes
 * of CPU for one anonymous request), so it is refused with a 400 before any handler sees it. A custom editor, not a
 * converter: when a converter fails, Spring's binder quietly retries with its default number editor, which takes it.
 */
@ControllerAdvice
class BoundedDecimalParameters {

    @InitBinder
    void boundDecimals(WebDataBinder binder) {
        binder.registerCustomEditor(BigDecimal.class, new BoundedDecimalEditor());
    }

    static final class BoundedDecimalEditor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            if (text == null || text.isBlank()) {
                setValue(null);
                return;
            }
            BigDecimal number = new BigDecimal(text.strip());
            if (EdgeValues.tooLarge(number)) {
                throw new OutOfBoundsException();
            }
            setValue(number);
        }

        @Override
        public String getAsText() {
            return getValue() == null ? "" : ((BigDecimal) getValue()).toPlainString();
        }
    }

    /** A number no parameter takes; the 400 says why rather than "has the wrong type". */
    static final class OutOfBoundsException extends IllegalArgumentException {
        OutOfBoundsException() {
            super("must have at most " + EdgeValues.MAX_DIGITS + " digits before and after the point");
        }
    }
}
