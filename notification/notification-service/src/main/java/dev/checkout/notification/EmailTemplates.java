package dev.checkout.notification;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an e-mail of a kind from its Thymeleaf text template ({@code classpath:email/<kind>.txt}): the first line is
 * the subject, the rest the text.
 */
@Component
class EmailTemplates {

    private final TemplateEngine engine = new TemplateEngine();

    EmailTemplates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("email/");
        resolver.setSuffix(".txt");
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine.setTemplateResolver(resolver);
    }

    record Email(String subject, String text) {
    }

    Email render(String kind, Map<String, Object> data) {
        String rendered = engine.process(kind, new Context(Locale.ROOT, data)).strip();
        int endOfSubject = rendered.indexOf('\n');
        return endOfSubject < 0 ? new Email(rendered, "")
                : new Email(rendered.substring(0, endOfSubject).strip(), rendered.substring(endOfSubject + 1).strip() + "\n");
    }
}
