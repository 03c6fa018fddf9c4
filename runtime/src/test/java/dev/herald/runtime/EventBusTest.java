package dev.herald.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.runtime.TestEvents.Created;
import dev.herald.runtime.TestEvents.Deleted;
import dev.herald.runtime.codec.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final EventBus bus = EventBus.create(TestEvents.registry());

    @Test
    void typedListener_receivesItsEventsOnly() {
        List<String> got = new ArrayList<>();
        bus.on(Created.class, e -> got.add("created " + e.id()));

        bus.emit(new Created("a"));
        bus.emit(new Deleted("b"));

        assertThat(got).containsExactly("created a");
    }

    @Test
    void listenersRunInSubscriptionOrder_specificBeforeAny() {
        List<String> got = new ArrayList<>();
        bus.onAny((type, event) -> got.add("any1 " + type.name()));
        bus.on(Created.class, e -> got.add("typed"));
        bus.on("item.created", (type, event) -> got.add("named " + ((Created) event).id()));
        bus.onAny((type, event) -> got.add("any2"));

        bus.emit(new Created("x"));

        assertThat(got).containsExactly("typed", "named x", "any1 item.created", "any2");
    }

    @Test
    void throwingListener_isIsolated() {
        List<String> got = new ArrayList<>();
        bus.on(Created.class, e -> got.add("first"));
        bus.on(Created.class, e -> {
            throw new IllegalStateException("boom");
        });
        bus.onAny((type, event) -> {
            throw new AssertionError("also boom");
        });
        bus.on(Created.class, e -> got.add("third"));

        bus.emit(new Created("x"));
        bus.emit(new Created("y"));

        assertThat(got).containsExactly("first", "third", "first", "third");
    }

    @Test
    void nestedEmit_isDeliveredAfterTheCurrentEventReachedEveryListener() {
        List<String> got = new ArrayList<>();
        bus.on(Created.class, e -> {
            got.add("A:created");
            bus.emit(new Deleted(e.id()));
            got.add("A:after-emit");
        });
        bus.on(Created.class, e -> got.add("B:created"));
        bus.on(Deleted.class, e -> got.add("C:deleted"));
        bus.onAny((type, event) -> got.add("any:" + type.name()));

        bus.emit(new Created("x"));

        assertThat(got)
                .containsExactly(
                        "A:created", "A:after-emit", "B:created", "any:item.created", "C:deleted", "any:item.deleted");
    }

    @Test
    void unsubscribeDuringEmit_stopsDeliveryAtOnce_andSubscribeDuringEmitStartsWithTheNextEvent() {
        List<String> got = new ArrayList<>();
        Subscription[] second = new Subscription[1];
        bus.on(Created.class, e -> {
            got.add("first " + e.id());
            second[0].close();
            bus.on(Created.class, later -> got.add("late " + later.id()));
        });
        second[0] = bus.on(Created.class, e -> got.add("second " + e.id()));

        bus.emit(new Created("1"));
        assertThat(got).containsExactly("first 1");

        got.clear();
        bus.emit(new Created("2"));
        // "first" subscribes another late listener each time; only those from earlier emits run.
        assertThat(got).containsExactly("first 2", "late 2");
    }

    @Test
    void close_isIdempotent_andLeavesOtherListenersAlone() {
        List<String> got = new ArrayList<>();
        Subscription a = bus.on(Created.class, e -> got.add("a"));
        bus.on(Created.class, e -> got.add("b"));
        Subscription any = bus.onAny((t, e) -> got.add("any"));

        a.close();
        a.close();
        any.close();
        any.close();
        bus.emit(new Created("x"));

        assertThat(got).containsExactly("b");
    }

    @Test
    void emittingAnUndeclaredRecord_explainsHowToEnableTheProcessor() {
        assertThatThrownBy(() -> bus.emit(new TestEvents.Unknown("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TestEvents.Unknown.class.getName())
                .hasMessageContaining("annotationProcessorPaths")
                .hasMessageContaining("herald-processor");
    }

    @Test
    void subscribingToAnUnknownName_fails() {
        assertThatThrownBy(() -> bus.on("item.typo", (t, e) -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item.typo")
                .hasMessageContaining("item.created");
    }

    @Test
    void unknownClassInsideListener_doesNotBreakDelivery() {
        List<String> got = new CopyOnWriteArrayList<>();
        bus.on(Created.class, e -> bus.emit(new TestEvents.Unknown("nope")));
        bus.on(Created.class, e -> got.add("second"));

        bus.emit(new Created("x"));
        bus.emit(new Created("y"));

        assertThat(got).containsExactly("second", "second");
    }

    @Test
    void registry_rejectsTwoClassesClaimingOneName_namingBoth() {
        EventCatalog clash = new EventCatalog() {
            @Override
            public List<EventType<?>> eventTypes() {
                return List.of(EventType.of("item.created", TestEvents.Unknown.class, null, TestEvents.noJson()));
            }

            @Override
            public Map<Class<?>, JsonCodec<?>> codecs() {
                return Map.of();
            }
        };

        assertThatThrownBy(() -> EventRegistry.of(new TestEvents(), clash))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'item.created' is claimed by both")
                .hasMessageContaining(Created.class.getName())
                .hasMessageContaining(TestEvents.Unknown.class.getName());
    }
}
