package org.rastro.log;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LogConfig {

    /** Stored hashes for receipts: 32,768 groups of at most 16 hashes, about 24 MiB at most. */
    @Bean
    StoredHashes.GroupCache proofCache() {
        return new StoredHashes.GroupCache(32_768);
    }
}
