package org.lvs.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** {@link OutboxMonitor} on {@code /q/health/live}. */
@Liveness
@ApplicationScoped
public class OutboxLiveness implements HealthCheck {

    private final OutboxMonitor monitor;

    OutboxLiveness(OutboxMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public HealthCheckResponse call() {
        return monitor.call();
    }
}
