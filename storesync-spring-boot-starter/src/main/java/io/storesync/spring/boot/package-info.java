/**
 * Spring Boot 4 auto-configuration for StoreSync: properties under {@code storesync.*}, the migration as the owner
 * role through Boot's database-initialisation ordering, the {@code StoreSync} bean joining the host's transactions,
 * workers as a {@code SmartLifecycle}, health, an actuator endpoint and Micrometer meters. See docs/spring-boot.md.
 */
@NullMarked
package io.storesync.spring.boot;

import org.jspecify.annotations.NullMarked;
