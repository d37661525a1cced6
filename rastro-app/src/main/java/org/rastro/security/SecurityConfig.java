package org.rastro.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.rastro.system.ErrorCode;
import org.rastro.system.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains: the REST API (stateless, bearer tokens, no cookies, so no CSRF) and the pages
 * (form login, session, CSRF on every form). Both are built from {@link AccessMatrix} and both end
 * with "deny everything else": an endpoint nobody wrote a rule for is unreachable.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * No observations of the filter chain, authentication or authorization: they feed no exporter here
     * (only health is exposed), and wrapping every filter of every request cost a sixth of a trace
     * request's CPU (docs/BENCHMARKS.md). The audit trail is the record of who did what.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    UserDetailsService userDetailsService(AccountRepository accounts) {
        // The same exception for every failure; DaoAuthenticationProvider turns it into the same
        // "bad credentials" as a wrong password and spends the same hashing time on it.
        return username ->
                accounts.findForSignIn(username).orElseThrow(() -> new UsernameNotFoundException("bad credentials"));
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDetailsService users,
            PasswordEncoder encoder,
            JdbcClient jdbc,
            AccountService accountService,
            AccountRepository accounts,
            @Value("${rastro.security.max-failed-logins:5}") int maxFailures,
            @Value("${rastro.security.address-failed-logins:10}") int addressFailures,
            @Value("${rastro.security.lockout:15m}") Duration lockout,
            @Value("${rastro.security.totp-window:1}") int totpWindow,
            KnownDevices devices) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(encoder);
        return new ProviderManager(new LoginGuard(
                provider,
                jdbc,
                maxFailures,
                addressFailures,
                lockout,
                accountService,
                accounts,
                new Totp(totpWindow),
                Clock.systemUTC(),
                devices));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, ServiceKeys keys, AuditTrail audit)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(authorize -> {
                    apply(authorize, AccessMatrix.API);
                    authorize.anyRequest().denyAll();
                })
                .addFilterBefore(new BearerTokenFilter(tokens, keys), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(audit.filter(), ExceptionTranslationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> Problems.write(
                                response,
                                ErrorCode.UNAUTHENTICATED,
                                "a valid bearer token is required: POST /api/v1/auth/token"))
                        .accessDeniedHandler((request, response, ex) ->
                                Problems.write(response, ErrorCode.FORBIDDEN, "your role may not do this")))
                .headers(this::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http, AuditTrail audit, AuthenticationManager authenticationManager, KnownDevices devices)
            throws Exception {
        // The sign-in form goes through the same manager as the token endpoint: lockout and second factor.
        http.authenticationManager(authenticationManager)
                .addFilterBefore(audit.filter(), ExceptionTranslationFilter.class)
                .authorizeHttpRequests(authorize -> {
                    apply(authorize, AccessMatrix.WEB);
                    authorize.anyRequest().denyAll();
                })
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(devices.rememberingBrowsers("/"))
                        .permitAll()
                        .authenticationDetailsSource(request -> new MfaDetails(
                                request.getParameter("code"), KnownDevices.cookie(request), request.getRemoteAddr())))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                // Relative: a redirect to sign in never names the host a request claimed (its Host header).
                .exceptionHandling(e -> e.authenticationEntryPoint(signInEntryPoint()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(this::headers);
        return http.build();
    }

    private static LoginUrlAuthenticationEntryPoint signInEntryPoint() {
        LoginUrlAuthenticationEntryPoint entryPoint = new LoginUrlAuthenticationEntryPoint("/login");
        entryPoint.setFavorRelativeUris(true);
        return entryPoint;
    }

    private void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    private static void apply(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry authorize,
            List<AccessMatrix.Rule> rules) {
        for (AccessMatrix.Rule rule : rules) {
            var matcher = rule.method() == null
                    ? authorize.requestMatchers(rule.pattern())
                    : authorize.requestMatchers(rule.method(), rule.pattern());
            switch (rule.audience()) {
                case AccessMatrix.Audience.Public p -> matcher.permitAll();
                case AccessMatrix.Audience.AnyAccount a -> matcher.authenticated();
                case AccessMatrix.Audience.Roles r ->
                    matcher.hasAnyRole(r.roles().stream().map(Enum::name).toArray(String[]::new));
            }
        }
    }
}
