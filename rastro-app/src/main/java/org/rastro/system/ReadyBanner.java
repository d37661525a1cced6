package org.rastro.system;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the server where it is and, in demo mode, where the demo accounts are. */
@Component
class ReadyBanner {

    private final RastroProperties properties;
    private final Environment environment;

    ReadyBanner(RastroProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        System.out.println();
        System.out.println("  Rastro is running / Rastro está en marcha: http://localhost:" + port + "/");
        System.out.println("  Data directory / Directorio de datos: " + properties.dataDir());
        if (properties.demo().enabled()) {
            System.out.println("  Demo accounts / Cuentas de demostración: "
                    + properties.dataDir().resolve("demo-credentials.txt"));
        }
        System.out.println();
    }
}
