package org.lvs.commons.messaging.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** {@link ConsumerHealth} on {@code /q/health/live}. */
@Liveness
@ApplicationScoped
public class ConsumerLiveness implements HealthCheck {

    private final ConsumerHealth health;

    ConsumerLiveness(ConsumerHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        return health.call();
    }
}
