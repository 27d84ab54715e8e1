package dev.checkout.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may call what: the access rules of the API contract's roles, over every service of the process (services add
 * finer checks, such as a cart or an order belonging to its user, in their use cases). A refusal is an RFC 9457
 * problem like any other. New public paths get their rule here.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    /**
     * No observation around each of the security chain's filters: a dozen per request, exported nowhere, a few
     * percent of a busy checkout's request threads (JFR). The request's own observation (its span and its
     * {@code http.server.requests} timer) stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A SERVICE token is for {@code /api/v1/internal/**} only: anywhere else it is refused (403), so a service that is
     * broken into cannot act as a user or an admin with the tokens it holds.
     */
    private static AuthorizationManager<RequestAuthorizationContext> notService(AuthorizationManager<RequestAuthorizationContext> rule) {
        return (authentication, context) -> {
            boolean service = authentication.get() != null && authentication.get().getAuthorities().stream()
                    .anyMatch(authority -> "ROLE_SERVICE".equals(authority.getAuthority()));
            return service ? new AuthorizationDecision(false) : rule.authorize(authentication, context);
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> hasRole(String role) {
        return AuthorityAuthorizationManager.hasRole(role);
    }

    private static AuthorizationManager<RequestAuthorizationContext> permitAll() {
        return (authentication, context) -> new AuthorizationDecision(true);
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemWriter problems) throws Exception {
        var roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        var tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(roles);
        var bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            bearer.commence(request, response, exception); // sets WWW-Authenticate
            problems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", "This needs a valid bearer token");
        };
        AccessDeniedHandler forbidden = (request, response, exception) ->
                problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this");

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/health", "/error", "/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").access(notService(hasRole("ADMIN")))
                        // Services in other processes get their SERVICE tokens here, with the service credential.
                        .requestMatchers(HttpMethod.POST, ServiceTokens.PATH).permitAll()
                        .requestMatchers("/api/v1/internal/**").hasRole("SERVICE")
                        .requestMatchers("/api/v1/auth/**").access(notService(permitAll()))
                        .requestMatchers(HttpMethod.GET, "/api/v1/products/**", "/api/v1/categories/**", "/api/v1/search/**").access(notService(permitAll()))
                        .requestMatchers("/api/v1/carts/**").access(notService(permitAll()))
                        // A flash sale's page is public; its queue and orders need a customer.
                        .requestMatchers(HttpMethod.GET, "/api/v1/flash-sales/*").access(notService(permitAll()))
                        .requestMatchers("/api/v1/pricing/quotes").access(notService(permitAll()))
                        .requestMatchers("/api/v1/admin/**", "/api/v1/analytics/**").access(notService(hasRole("ADMIN")))
                        .requestMatchers("/api/v1/seller/**").access(notService(hasRole("SELLER")))
                        .requestMatchers("/api/v1/**").access(notService(AuthenticatedAuthorizationManager.authenticated()))
                        .anyRequest().permitAll())
                .oauth2ResourceServer(resource -> resource
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }
}
