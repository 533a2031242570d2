package io.storesync.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot host embedding StoreSync through the starter: everything StoreSync needs comes from
 * application.properties (two database roles, the credential keys, the custom-website connector's settings); this
 * application adds its HTTP surface, in {@link WebhookController} and {@link OrdersController}, and reports over
 * StoreSync's JPA read model in the {@code reports} package (its own persistence unit and pool, Spring Data
 * repositories, the tenant bound per request).
 */
@SpringBootApplication
public class SampleApplication {
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
