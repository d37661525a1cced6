package org.rastro.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a request: the browser's choice, else the account's, else Spanish (see
 * {@link AccountLocaleResolver}). Here, beside the accounts, so that {@code system} needs nothing of
 * {@code security}.
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfig {

    @Bean
    LocaleResolver localeResolver(JdbcClient jdbc) {
        return new AccountLocaleResolver(jdbc);
    }
}
