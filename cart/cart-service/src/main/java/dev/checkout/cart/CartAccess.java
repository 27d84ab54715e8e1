package dev.checkout.cart;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The cart named by the request's path, which the caller has been found allowed to reach: a guest cart by anyone who
 * holds its id, a user's cart by that user only (anyone else gets a 404, as if it did not exist). Declared as a handler's
 * first parameter, it is resolved before the request body is read, so authorization is decided before the body is
 * validated, as the API contract orders it.
 */
record CartAccess(Cart cart, Caller caller) {

    /** On a {@link CartAccess} parameter: the endpoint needs a logged-in user (401 before anything else). */
    @Target(ElementType.PARAMETER)
    @Retention(RetentionPolicy.RUNTIME)
    @interface ForUser {
    }

    static final class Resolver implements HandlerMethodArgumentResolver {

        private final CartStore store;

        Resolver(CartStore store) {
            this.store = store;
        }

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == CartAccess.class;
        }

        @Override
        public CartAccess resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                          WebDataBinderFactory binderFactory) {
            Caller caller = Caller.current();
            if (parameter.hasParameterAnnotation(ForUser.class)) {
                caller.requireUserId();
            }
            @SuppressWarnings("unchecked")
            Map<String, String> path = (Map<String, String>) request.getAttribute(
                    HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            String cartId = path == null ? null : path.get("cartId");
            Cart cart = store.find(cartId)
                    .filter(found -> found.isReachableBy(caller.userId(), caller.isAdmin()))
                    .orElseThrow(() -> ApiException.notFound("Cart", String.valueOf(cartId)));
            return new CartAccess(cart, caller);
        }
    }
}
