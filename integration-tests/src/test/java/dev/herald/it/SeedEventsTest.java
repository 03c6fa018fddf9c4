package dev.herald.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.it.e2e.SeedSamples;
import dev.herald.runtime.EventBus;
import dev.herald.runtime.EventRegistry;
import dev.herald.runtime.EventType;
import dev.herald.runtime.Herald;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.ReceivedEvent;
import dev.herald.seed.Events;
import dev.herald.seed.container.ContainerListChanged;
import dev.herald.seed.fs.FsCreated;
import dev.herald.seed.task.TaskCompleted;
import dev.herald.seed.task.TaskProgress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The original design's 15 events, compiled through Maven's processor path like a user's module. */
class SeedEventsTest {
    static final List<Record> ONE_OF_EACH = SeedSamples.ONE_OF_EACH;

    @Test
    void catalogDeclaresAllFifteenEvents_withTheirConstants() {
        EventRegistry registry = EventRegistry.load();

        assertThat(registry.types())
                .extracting(EventType::name)
                .containsExactlyInAnyOrder(
                        "fs.changed",
                        "fs.created",
                        "fs.deleted",
                        "fs.renamed",
                        "asset.created",
                        "asset.updated",
                        "asset.deleted",
                        "tunnel.created",
                        "tunnel.statusChanged",
                        "tunnel.deleted",
                        "container.statusChanged",
                        "container.listChanged",
                        "task.created",
                        "task.progress",
                        "task.completed",
                        // the shapes of the codec tests, compiled in this module's tests
                        "shape.scalars",
                        "shape.times",
                        "shape.sequences",
                        "shape.maps",
                        "shape.elements",
                        "shape.locals",
                        "shape.optionals",
                        "shape.nested");
        assertThat(Events.FS_CREATED).isEqualTo("fs.created");
        assertThat(Events.TUNNEL_STATUS_CHANGED).isEqualTo("tunnel.statusChanged");
        assertThat(Events.CONTAINER_LIST_CHANGED_TYPE.javaType()).isEqualTo(ContainerListChanged.class);
        assertThat(Events.FS_CREATED_TYPE.keyField()).isEqualTo("AssetID");
        assertThat(Events.CONTAINER_STATUS_CHANGED_TYPE.keyField()).isEqualTo("AssetID");
        assertThat(Events.ASSET_CREATED_TYPE.keyField()).isNull();
        assertThat(new Events().eventTypes()).hasSize(15);
    }

    @Test
    void eachEvent_isEmittedToItsTypedAndAnyListeners() {
        EventBus bus = EventBus.create();
        List<Object> typed = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Record event : ONE_OF_EACH) {
            subscribe(bus, event.getClass(), typed);
        }
        bus.onAny((type, event) -> names.add(type.name()));

        ONE_OF_EACH.forEach(bus::emit);

        assertThat(typed).containsExactlyElementsOf(ONE_OF_EACH);
        assertThat(names).hasSize(15).doesNotHaveDuplicates();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> void subscribe(EventBus bus, Class<?> type, List<Object> sink) {
        bus.on((Class<T>) type, sink::add);
    }

    @Test
    void processWideBus_deliversLikeTheSeedsEventEmit() {
        List<FsCreated> got = new ArrayList<>();
        var subscription = Herald.bus().on(FsCreated.class, got::add);
        try {
            Herald.emit(new FsCreated("asset-123", "/x", false));
        } finally {
            subscription.close();
        }
        Herald.emit(new FsCreated("asset-123", "/y", false));

        assertThat(got).containsExactly(new FsCreated("asset-123", "/x", false));
    }

    @Test
    void fsCreated_encodesToExactlyTheOriginalDesignsMessage() {
        byte[] json =
                EventJson.create().encode(new FsCreated("asset-123", "/home/user/newfile.txt", false), 1704508800000L);

        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"event\":\"fs.created\",\"data\":{\"AssetID\":\"asset-123\",\"Path\":\"/home/user/newfile.txt\","
                                + "\"IsDir\":false},\"ts\":1704508800000}");
    }

    @Test
    void everySeedEvent_roundTripsThroughTheEnvelope() {
        EventJson json = EventJson.create();
        for (Record event : ONE_OF_EACH) {
            ReceivedEvent back = json.decode(json.encode(event, 42L));
            assertThat(back.event()).isEqualTo(event);
            assertThat(back.ts()).isEqualTo(42L);
            assertThat(back.type().javaType()).isEqualTo(event.getClass());
        }
    }

    @Test
    void taskEventsUseTheOriginalFieldSpelling() {
        EventJson json = EventJson.create();

        assertThat(new String(json.encode(new TaskCompleted("t", true, Optional.empty()), 1), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"event\":\"task.completed\",\"data\":{\"TaskID\":\"t\",\"Success\":true,\"Error\":null},\"ts\":1}");
        assertThat(new String(
                        json.encode(new TaskProgress("t", 10, 3, "files", Optional.empty()), 1),
                        StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"event\":\"task.progress\",\"data\":{\"TaskID\":\"t\",\"Total\":10,\"Done\":3,\"Unit\":\"files\","
                                + "\"Note\":null},\"ts\":1}");
    }
}
