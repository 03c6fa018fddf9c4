package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.micrometer.HeraldMetrics;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.Herald;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.fanout.AccessPolicy;
import dev.herald.runtime.fanout.Authenticator;
import dev.herald.runtime.fanout.EndpointSettings;
import dev.herald.runtime.fanout.Handshake;
import dev.herald.spring.boot.EventEndpointRegistrar;
import dev.herald.redis.RedisBroker;
import dev.herald.spring.boot.HeraldAutoConfiguration;
import dev.herald.spring.boot.HeraldBrokerAutoConfiguration;
import dev.herald.spring.boot.HeraldJacksonAutoConfiguration;
import dev.herald.spring.boot.HeraldMetricsAutoConfiguration;
import dev.herald.spring.boot.health.Boot3HealthIndicator;
import dev.herald.spring.boot.health.Boot4HealthIndicator;
import dev.herald.spring.boot.health.HeraldHealthAutoConfiguration;
import dev.herald.spring.boot.health.HeraldHealthBoot4AutoConfiguration;
import dev.herald.spring.boot.HeraldWebSocketAutoConfiguration;
import dev.herald.spring.boot.SpringEventBridge;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.core.Authentication;

/** The auto-configuration's conditions, bean by bean, without a server. */
class HeraldAutoConfigurationTest {
    private static final AutoConfigurations HERALD = AutoConfigurations.of(
            HeraldAutoConfiguration.class,
            HeraldBrokerAutoConfiguration.class,
            HeraldWebSocketAutoConfiguration.class,
            HeraldMetricsAutoConfiguration.class,
            HeraldHealthAutoConfiguration.class,
            HeraldHealthBoot4AutoConfiguration.class,
            HeraldJacksonAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(HERALD);

    private static Handshake handshake(Principal user) {
        return new Handshake("/api/events/ws", Map.of(), Map.of(), null, user);
    }

    @Test
    void aWebApp_getsTheProcessWideBus_andTheEndpointWithTheDefaults() {
        web.run(context -> {
            assertThat(context).hasSingleBean(EventEndpoint.class).hasSingleBean(EventEndpointRegistrar.class);
            assertThat(context.getBean(EventBus.class)).isSameAs(Herald.bus());
            EndpointSettings settings = context.getBean(EventEndpoint.class).settings();
            assertThat(settings.path()).isEqualTo("/api/events/ws");
            assertThat(settings.byteBudget()).isEqualTo(1 << 20);
            assertThat(settings.handoffBytes()).isEqualTo(8 << 20);
            assertThat(settings.maxConnectionsPerUser()).isEqualTo(Integer.MAX_VALUE);
            assertThat(settings.accessPolicy()).isSameAs(AccessPolicy.ALLOW_ALL);
        });
    }

    /**
     * The module of the class path's Jackson for Boot's mapper to register (Boot 3.5: Jackson 2
     * only; the Boot 4 sample: Jackson 3 only), unless {@code herald.jackson-module=false}.
     */
    @Test
    void theGeneratedCodecs_areLentToTheJacksonOfTheBootVersion_unlessTurnedOff() {
        boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
        web.run(context -> {
            // by name: each module's class loads only where its Jackson is
            assertThat(context.containsBean("heraldJacksonModule")).isEqualTo(!boot4);
            assertThat(context.containsBean("heraldJackson3Module")).isEqualTo(boot4);
            assertThat(context.getBean(boot4 ? "heraldJackson3Module" : "heraldJacksonModule")
                            .getClass()
                            .getSimpleName())
                    .isEqualTo(boot4 ? "HeraldJackson3Module" : "HeraldModule");
        });
        web.withPropertyValues("herald.jackson-module=false").run(context -> assertThat(context)
                .doesNotHaveBean("heraldJacksonModule")
                .doesNotHaveBean("heraldJackson3Module"));
    }

    /** One {@code herald} indicator, of this Boot's health API; off with {@code management.health.herald.enabled}. */
    @Test
    void aWebApp_getsTheHeraldHealthIndicator_ofItsBootVersion_unlessTurnedOff() {
        boolean boot4 = SpringBootVersion.getVersion().startsWith("4.");
        web.run(context -> {
            assertThat(context).hasBean("heraldHealthIndicator");
            assertThat(context.getBean("heraldHealthIndicator"))
                    .isInstanceOf(boot4 ? Boot4HealthIndicator.class : Boot3HealthIndicator.class);
        });
        web.withPropertyValues("management.health.herald.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("heraldHealthIndicator"));
    }

    @Test
    void aWebApp_getsTheEndpointsMeters_asABinderForTheApplicationsRegistry() {
        web.run(context -> {
            HeraldMetrics metrics = context.getBean(HeraldMetrics.class);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            metrics.bindTo(registry); // what Boot does with every MeterBinder bean
            assertThat(registry.get("herald.connections")
                            .tag("transport", "jakarta")
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("herald.connections.refused").tag("code", "4401").functionCounter())
                    .isNotNull();
        });
    }

    @Test
    void notAWebApp_getsTheBusButNoEndpoint() {
        new ApplicationContextRunner().withConfiguration(HERALD).run(context -> assertThat(context)
                .hasSingleBean(EventBus.class)
                .doesNotHaveBean(EventEndpoint.class));
    }

    @Test
    void propertiesUnderHeraldWebsocket_setTheEndpointsOptions() {
        web.withPropertyValues(
                        "herald.websocket.path=/events",
                        "herald.websocket.allowed-origins=https://a.example.com,https://b.example.com",
                        "herald.websocket.byte-budget=64KB",
                        "herald.websocket.handoff-bytes=2MB",
                        "herald.websocket.max-connections=5",
                        "herald.websocket.max-connections-per-user=2",
                        "herald.websocket.ping-interval=5s",
                        "herald.websocket.idle-timeout=20s")
                .run(context -> {
                    EndpointSettings settings = context.getBean(EventEndpoint.class).settings();
                    assertThat(settings.path()).isEqualTo("/events");
                    assertThat(settings.allowedOrigins()).isEqualTo(Set.of("https://a.example.com", "https://b.example.com"));
                    assertThat(settings.byteBudget()).isEqualTo(64 * 1024);
                    assertThat(settings.handoffBytes()).isEqualTo(2 << 20);
                    assertThat(settings.maxConnections()).isEqualTo(5);
                    assertThat(settings.maxConnectionsPerUser()).isEqualTo(2);
                    assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(20));
                });
    }

    @Test
    void theAppsOwnBeans_areUsed_andItsBusAndEndpointReplaceHeralds() {
        EventBus own = EventBus.create();
        Authenticator authenticator = handshake -> "someone";
        AccessPolicy policy = (principal, type, event) -> false;
        List<String> started = new CopyOnWriteArrayList<>();
        Broker broker = new Broker() {
            @Override
            public void start(String nodeId, BrokerListener listener) {
                started.add(nodeId);
            }

            @Override
            public void publish(String eventName, byte[] envelope, boolean deliveredHere) {}

            @Override
            public void close() {}
        };
        web.withBean(EventBus.class, () -> own)
                .withBean(Authenticator.class, () -> authenticator)
                .withBean(AccessPolicy.class, () -> policy)
                .withBean(Broker.class, () -> broker)
                .run(context -> {
                    assertThat(context.getBean(EventBus.class)).isSameAs(own);
                    EndpointSettings settings = context.getBean(EventEndpoint.class).settings();
                    assertThat(settings.authenticator()).isSameAs(authenticator);
                    assertThat(settings.accessPolicy()).isSameAs(policy);
                    assertThat(settings.broker()).isSameAs(broker);
                    assertThat(started).hasSize(1);
                });
        EventEndpoint endpoint = EventEndpoint.builder(own).build();
        web.withBean(EventEndpoint.class, () -> endpoint)
                .run(context -> assertThat(context.getBean(EventEndpoint.class)).isSameAs(endpoint));
    }

    @Test
    void withSpringSecurity_theDefaultAuthenticatorIsTheAuthenticatedUser_andAnonymousIsRefused() throws Exception {
        web.run(context -> {
            Authenticator authenticator = context.getBean(EventEndpoint.class).settings().authenticator();
            Principal alice = () -> "alice";
            assertThat(authenticator.authenticate(handshake(alice))).isSameAs(alice);
            assertThat(authenticator.authenticate(handshake(null))).isNull();
        });
    }

    @Test
    void withoutSpringSecurity_everyoneIsAdmittedAsAnonymous() {
        web.withClassLoader(new FilteredClassLoader(Authentication.class)).run(context -> assertThat(
                        context.getBean(EventEndpoint.class).settings().authenticator())
                .isSameAs(Authenticator.ANONYMOUS));
    }

    @Test
    void disabled_meansNoEndpoint() {
        web.withPropertyValues("herald.websocket.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(EventBus.class)
                .doesNotHaveBean(EventEndpoint.class)
                .doesNotHaveBean(EventEndpointRegistrar.class));
    }

    @Test
    void heraldRecordsPublishedThroughSpring_areEmittedOnTheBus_unlessTurnedOff() {
        EventBus own = EventBus.create();
        List<Object> received = new CopyOnWriteArrayList<>();
        own.onAny((type, event) -> received.add(event));
        web.withBean(EventBus.class, () -> own).run(context -> {
            context.publishEvent(new NoteCreated("alice", "n1", "bridged"));
            context.publishEvent("not a Herald event");
            context.publishEvent(new Note("n2", "alice", "a record, not an event"));
        });
        assertThat(received).containsExactly(new NoteCreated("alice", "n1", "bridged"));

        received.clear();
        web.withBean(EventBus.class, () -> own)
                .withPropertyValues("herald.spring-events=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(SpringEventBridge.class);
                    context.publishEvent(new NoteCreated("alice", "n3", "not bridged"));
                });
        assertThat(received).isEmpty();
    }

    @Test
    void brokerProperties_makeTheBroker_withoutOneNoBroker() {
        web.run(context -> assertThat(context).doesNotHaveBean(Broker.class));
        // Redis down at start is fine: the broker keeps trying behind (port 1: nothing listens).
        web.withPropertyValues(
                        "herald.broker.redis.uri=redis://127.0.0.1:1",
                        "herald.broker.redis.stream={orders}:events",
                        "herald.broker.redis.max-length=500")
                .run(context -> {
                    RedisBroker broker = context.getBean(RedisBroker.class);
                    assertThat(broker.stream()).isEqualTo("{orders}:events");
                    assertThat(broker.metaKey()).isEqualTo("{orders}:meta");
                    assertThat(context.getBean(EventEndpoint.class).settings().broker())
                            .isSameAs(broker);
                });
    }

    @Test
    void brokerProperties_forRedisAndNatsAtOnce_areAStartupError() {
        web.withPropertyValues("herald.broker.redis.uri=redis://127.0.0.1:1", "herald.broker.nats.url=nats://127.0.0.1:1")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("Both herald.broker.redis.uri and herald.broker.nats.url are set"));
    }

    @Test
    void anUnreachableNatsServer_isAStartupErrorNamingIt() {
        web.withPropertyValues("herald.broker.nats.url=nats://127.0.0.1:1")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .hasStackTraceContaining("Cannot reach NATS at nats://127.0.0.1:1"));
    }

    @Test
    void theAppsOwnBroker_winsOverTheProperties() {
        Broker own = new Broker() {
            @Override
            public void start(String nodeId, BrokerListener listener) {}

            @Override
            public void publish(String eventName, byte[] envelope, boolean deliveredHere) {}

            @Override
            public void close() {}
        };
        web.withPropertyValues("herald.broker.redis.uri=redis://127.0.0.1:1")
                .withBean(Broker.class, () -> own)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(RedisBroker.class);
                    assertThat(context.getBean(EventEndpoint.class).settings().broker()).isSameAs(own);
                });
    }
}
