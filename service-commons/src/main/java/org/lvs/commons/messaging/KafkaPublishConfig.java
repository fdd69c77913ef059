package org.lvs.commons.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Settings of the producer behind {@link EventPublisher} and the outbox relay. */
@ConfigMapping(prefix = "lvs.publish")
public interface KafkaPublishConfig {

    /** How long a caller waits for the broker's acknowledgement before answering 503. */
    @WithDefault("10s")
    Duration timeout();

    /** How long the producer may block when the broker is unreachable (metadata), before failing fast. */
    @WithName("max-block")
    @WithDefault("5s")
    Duration maxBlock();
}
