package org.rastro.system;

import org.rastro.security.AccountLocaleResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Spanish by default; {@code ?lang=en} switches to English, remembered for the browser and the account. */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

    /** The language: the browser's choice, else the account's, else Spanish (see {@link AccountLocaleResolver}). */
    @Bean
    LocaleResolver localeResolver(JdbcClient jdbc) {
        return new AccountLocaleResolver(jdbc);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName("lang");
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor);
    }
}
