package dev.herald.spring.boot;

import dev.herald.runtime.EventBus;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Emits on the Herald bus every Herald event record published through Spring's {@code
 * ApplicationEventPublisher} ({@code publisher.publishEvent(new NoteCreated(...))}). Other events
 * are left alone. Turned off by {@code herald.spring-events=false}.
 */
public final class SpringEventBridge implements ApplicationListener<ApplicationEvent> {
    private final EventBus bus;

    public SpringEventBridge(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof PayloadApplicationEvent<?> payload
                && payload.getPayload() instanceof Record record
                && bus.registry().find(record.getClass()) != null) {
            bus.emit(record);
        }
    }
}
