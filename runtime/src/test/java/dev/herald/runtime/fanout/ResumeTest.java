package dev.herald.runtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.runtime.TestEvents;
import dev.herald.runtime.fanout.FanOutTest.MemoryTransport;
import dev.herald.runtime.fanout.FanOutTest.Options;
import dev.herald.runtime.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resume without sockets: a client that reconnects with {@code since} gets what it missed from
 * what the node keeps, then {@code $resumed}, then live events; or {@code $resync} with the reason.
 */
class ResumeTest {
    private static final Pattern ID = Pattern.compile(",\"id\":\"([^\"]+)\"}$");
    private static final Pattern POSITION = Pattern.compile("\"position\":\"([^\"]+)\"");

    private final List<FanOut<String>> cores = new ArrayList<>();

    private FanOut<String> core(Options options) {
        FanOut<String> core = new FanOut<>(
                EventJson.create(TestEvents.registry()),
                options.build(),
                json -> new String(json, StandardCharsets.UTF_8),
                Duration.ofMillis(10),
                2);
        cores.add(core);
        return core;
    }

    @AfterEach
    void close() {
        cores.forEach(FanOut::close);
    }

    private static Handshake handshake(String... query) {
        Map<String, List<String>> parameters = new HashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            parameters.put(query[i], List.of(query[i + 1]));
        }
        return new Handshake("/api/events/ws", parameters, Map.of(), null);
    }

    private static MemoryTransport connect(FanOut<String> core, String... query) throws InterruptedException {
        MemoryTransport client = new MemoryTransport();
        assertThat(core.handshake(handshake(query)).open(client)).isNotNull();
        await(() -> !client.frames.isEmpty());
        return client;
    }

    private static void publish(FanOut<String> core, String first, int count) {
        for (int i = 0; i < count; i++) {
            core.publish(TestEvents.CREATED, new TestEvents.Created(first + i));
        }
    }

    /** The position the client would resume from: the last event's id or {@code $position}. */
    private static String lastPosition(MemoryTransport client) {
        return lastPosition(List.copyOf(client.frames));
    }

    private static String lastPosition(List<String> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            String frame = frames.get(i);
            Matcher position = POSITION.matcher(frame);
            if (frame.startsWith("{\"event\":\"$position\"") && position.find()) {
                return position.group(1);
            }
            Matcher id = ID.matcher(frame);
            if (!frame.startsWith("{\"event\":\"$") && id.find()) {
                return id.group(1);
            }
        }
        throw new AssertionError("no position in " + frames);
    }

    private static long seqOf(String eventFrame) {
        Matcher id = ID.matcher(eventFrame);
        assertThat(id.find()).as("an id in %s", eventFrame).isTrue();
        String position = id.group(1);
        return Long.parseLong(position.substring(position.lastIndexOf('-') + 1));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    /** What a client got after it reconnected, once the node answered with $resumed or $resync. */
    private static MemoryTransport resume(FanOut<String> core, String since, String... query)
            throws InterruptedException {
        List<String> parameters = new ArrayList<>(List.of(query));
        parameters.add("since");
        parameters.add(since);
        MemoryTransport client = new MemoryTransport();
        assertThat(core.handshake(handshake(parameters.toArray(String[]::new))).open(client))
                .isNotNull();
        await(() -> !client.control("$resumed").isEmpty() || client.resyncs() > 0);
        return client;
    }

    @Test
    void aClientThatReconnectsWithItsLastId_getsExactlyWhatItMissed_inOrder_thenResumed_thenLiveEvents()
            throws Exception {
        FanOut<String> core = core(new Options());
        MemoryTransport first = connect(core);
        publish(core, "before", 5);
        await(() -> first.events() == 5);
        String since = lastPosition(first);
        core.stats(); // the client goes away
        cores.get(0).stats();
        publish(core, "missed", 0);
        first.open = false;

        publish(core, "missed", 4);
        MemoryTransport back = resume(core, since);
        publish(core, "live", 1);

        await(() -> back.events() == 5);
        assertThat(back.eventFrames())
                .extracting(frame -> frame.replaceAll(".*\"data\":\\{\"id\":\"([^\"]+)\".*", "$1"))
                .containsExactly("missed0", "missed1", "missed2", "missed3", "live0");
        assertThat(back.frames.get(4)).matches("\\{\"event\":\"\\$resumed\",\"ts\":\\d+,\"replayed\":4}");
        assertThat(back.resyncs()).isZero();
        assertThat(seqOf(back.eventFrames().get(0)))
                .isEqualTo(seqOf(first.eventFrames().get(4)) + 1);
    }

    @Test
    void withResumeOff_theSameReconnectGetsResync() throws Exception {
        FanOut<String> core = core(new Options().retention(0, 1, Duration.ofMinutes(1)));
        MemoryTransport first = connect(core, "since", "x-0"); // any since: it only wants an answer
        publish(core, "before", 2);
        await(() -> first.events() == 2);
        String since = first.eventFrames().get(1).replaceAll(".*,\"id\":\"([^\"]+)\"}$", "$1");

        publish(core, "missed", 3);
        MemoryTransport back = resume(core, since);

        assertThat(back.events()).isZero();
        assertThat(back.control("$resync")).singleElement().asString().contains("\"reason\":\"trimmed\"");
    }

    /**
     * One client reconnects over and over while four threads emit: the positions it gets, across
     * all its connections, are every seq from its first to its last, each once, in order.
     */
    @Test
    void reconnectingWhileFourThreadsEmit_missesNothing_andGetsNothingTwice_atTheSeams() throws Exception {
        // Kept long enough whatever the machine's speed: this is about the seam, not retention.
        FanOut<String> core = core(new Options()
                .retention(1_000_000, 1L << 30, Duration.ofMinutes(1))
                .replayCap(1_000_000));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean emitting = new AtomicBoolean(true);
        List<Future<?>> emitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            emitters.add(pool.submit(() -> {
                for (int i = 0; emitting.get(); i++) {
                    core.publish(TestEvents.CREATED, new TestEvents.Created("t" + thread + "-" + i));
                    if (i % 4 == 0) { // paced: a full hand-off would drop events (with $resync) and blur the seam
                        Thread.sleep(1);
                    }
                }
                return null;
            }));
        }
        List<Long> seqs = new ArrayList<>();
        MemoryTransport client = connect(core);
        for (int reconnect = 0; reconnect < 30; reconnect++) {
            Thread.sleep(5);
            client.open = false; // the transport is gone: what the lane sends now fails and removes it
            // One snapshot: a batch the lane was sending when the transport went away may still add
            // frames; what the snapshot lacks, the resume from its position replays.
            List<String> got = List.copyOf(client.frames);
            got.stream()
                    .filter(frame -> frame.startsWith("{\"event\":\"item."))
                    .forEach(frame -> seqs.add(seqOf(frame)));
            client = resume(core, lastPosition(got));
            assertThat(client.control("$resync"))
                    .as("$resync on reconnect %s", reconnect)
                    .isEmpty();
        }
        emitting.set(false);
        for (Future<?> emitter : emitters) {
            emitter.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        MemoryTransport last = client;
        Thread.sleep(100);
        last.eventFrames().forEach(frame -> seqs.add(seqOf(frame)));

        assertThat(core.overflows())
                .as("hand-off overflows (the test emitted too fast to judge)")
                .isZero();
        assertThat(seqs).hasSizeGreaterThan(100);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).as("seq after %s", seqs.get(i - 1)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }

    /** Connects, gets {@code count} events, and returns the position it would resume from. */
    private static String sinceAfter(FanOut<String> core, int count, String... query) throws InterruptedException {
        MemoryTransport client = connect(core, query);
        publish(core, "seen", count);
        await(() -> client.events() == count);
        client.open = false;
        return lastPosition(client);
    }

    private static String reason(MemoryTransport client) {
        assertThat(client.events()).as("events beside the $resync").isZero();
        return client.control("$resync").get(0).replaceAll(".*\"reason\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void pastTheRetentionsCount_bytesOrAge_aReconnectGetsResync_withTheReason() throws Exception {
        FanOut<String> byCount = core(new Options().retention(5, 1L << 20, Duration.ofMinutes(5)));
        String since = sinceAfter(byCount, 1);
        publish(byCount, "missed", 6);
        assertThat(reason(resume(byCount, since))).isEqualTo("trimmed");

        // Each frame weighs about 3 x 90 bytes + 128: four fit in 2,000 bytes, not six.
        FanOut<String> byBytes = core(new Options().retention(10_000, 2_000, Duration.ofMinutes(5)));
        since = sinceAfter(byBytes, 1);
        publish(byBytes, "missed", 6);
        assertThat(reason(resume(byBytes, since))).isEqualTo("trimmed");
        since = sinceAfter(byBytes, 1);
        publish(byBytes, "missed", 2);
        assertThat(resume(byBytes, since).control("$resumed"))
                .as("within the bytes")
                .hasSize(1);

        FanOut<String> byAge = core(new Options().retention(10_000, 1L << 20, Duration.ofMillis(200)));
        since = sinceAfter(byAge, 1);
        publish(byAge, "missed", 2);
        Thread.sleep(300);
        assertThat(reason(resume(byAge, since))).isEqualTo("expired");
    }

    @Test
    void moreMissedEventsThanTheReplayCap_getResync() throws Exception {
        FanOut<String> core = core(new Options().replayCap(3));
        String since = sinceAfter(core, 1);
        publish(core, "missed", 4);
        assertThat(reason(resume(core, since))).isEqualTo("replay-cap");
    }

    @Test
    void aPositionFromAnotherStart_getsResync_forItsEpoch() throws Exception {
        FanOut<String> before = core(new Options());
        String since = sinceAfter(before, 2);
        before.close();
        FanOut<String> restarted = core(new Options());
        publish(restarted, "new", 3);

        assertThat(reason(resume(restarted, since))).isEqualTo("epoch");
    }

    @Test
    void aForgedSince_getsResync_andNothingElse_andTheConnectionStaysOpen() throws Exception {
        FanOut<String> core = core(new Options());
        String since = sinceAfter(core, 3);
        String epoch = since.substring(0, since.lastIndexOf('-'));
        publish(core, "secret", 3);

        for (String forged : List.of(
                "garbage",
                "",
                "-",
                epoch + "-",
                epoch + "-999999",
                epoch + "--1",
                epoch + "-12345678901234567890123",
                epoch + "-1e3",
                "x".repeat(10_240),
                "<script>-1",
                "\u0000-1")) {
            MemoryTransport client = resume(core, forged);
            assertThat(reason(client)).as("reason for %s", forged).isEqualTo("malformed");
            assertThat(client.open).isTrue();
            assertThat(client.closedWith).isNull();
        }
        assertThat(reason(resume(core, "other0epoch-1"))).isEqualTo("epoch");
    }

    @Test
    void aClientThatAskedForSomeNames_resumesEvenWhenOtherNamesWereTrimmed() throws Exception {
        FanOut<String> core = core(new Options().retention(5, 1L << 20, Duration.ofMinutes(5)));
        MemoryTransport client = connect(core, "events", "item.deleted");
        core.publish(TestEvents.DELETED, new TestEvents.Deleted("d0"));
        await(() -> client.events() == 1);
        client.open = false;
        String since = lastPosition(client);
        publish(core, "other", 20); // item.created only: trims the kept frames many times over
        core.publish(TestEvents.DELETED, new TestEvents.Deleted("d1"));

        MemoryTransport back = resume(core, since, "events", "item.deleted");

        assertThat(back.control("$resync")).isEmpty();
        assertThat(back.eventFrames()).singleElement().asString().contains("\"d1\"");
        assertThat(back.control("$resumed")).singleElement().asString().contains("\"replayed\":1");
        // A client that asked for everything did miss the trimmed ones.
        assertThat(reason(resume(core, since))).isEqualTo("trimmed");
    }

    @Test
    void theReplay_followsTheAccessPolicyAsItIsNow_notAsItWasWhenTheEventsWereEmitted() throws Exception {
        AtomicBoolean mayReadSecrets = new AtomicBoolean(true);
        FanOut<String> core = core(new Options()
                .authenticator(handshake -> handshake.queryParameter("user").orElse(null))
                .accessPolicy((user, type, event) ->
                        mayReadSecrets.get() || !event.equals(new TestEvents.Created("secret"))));
        String since = sinceAfter(core, 1, "user", "alice");
        core.publish(TestEvents.CREATED, new TestEvents.Created("secret"));
        core.publish(TestEvents.CREATED, new TestEvents.Created("public"));
        mayReadSecrets.set(false); // alice's rights were revoked while she was away

        MemoryTransport back = resume(core, since, "user", "alice");

        assertThat(back.eventFrames()).singleElement().asString().contains("\"public\"");
        assertThat(back.frames).noneMatch(frame -> frame.contains("secret"));
        assertThat(back.control("$resumed")).singleElement().asString().contains("\"replayed\":1");
    }

    @Test
    void aClientThatGetsNoEvents_isToldItsPosition_soThatItCanResumeAfterAQuietWhile() throws Exception {
        FanOut<String> core = core(new Options()
                .heartbeat(Duration.ofMillis(30), Duration.ofSeconds(60))
                .retention(5, 1L << 20, Duration.ofMinutes(5)));
        MemoryTransport quiet = connect(core, "events", "item.deleted");
        publish(core, "other", 20);

        await(() -> lastPosition(quiet).endsWith("-20"));
        quiet.open = false;
        publish(core, "other", 20);
        core.publish(TestEvents.DELETED, new TestEvents.Deleted("d"));

        MemoryTransport back = resume(core, lastPosition(quiet), "events", "item.deleted");
        assertThat(back.control("$resumed")).singleElement().asString().contains("\"replayed\":1");
    }
}
