package dev.herald.runtime.fanout;

import dev.herald.runtime.EventBus;
import dev.herald.runtime.EventType;
import dev.herald.runtime.Subscription;
import dev.herald.runtime.cluster.Broker;
import dev.herald.runtime.cluster.BrokerListener;
import dev.herald.runtime.json.EventDecodeException;
import dev.herald.runtime.json.EventJson;
import dev.herald.runtime.json.ReceivedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral core: admission, admitted connections with their filters, encode once per
 * emit, a byte budget per connection, {@code $resync} for whoever missed events. A transport adapter
 * calls {@link #handshake} when a client's upgrade request arrives, {@link Ticket#open} once the
 * connection is open, and {@link Connection#remove} when it closes; everything else flows from the
 * core to the adapter's write-only {@link Transport}.
 *
 * <p>Threading rules:
 *
 * <ul>
 *   <li>{@link #publish} runs on the emitting (business) thread: it encodes the event once, then,
 *       under the {@link #sequencer} lock (short: no I/O, no waiting), numbers it, appends its
 *       position, builds its wire form once, keeps it for resuming and offers it to each lane's
 *       bounded hand-off queue. One lock for all of it, so frames reach every lane in seq order and
 *       a connection joining at a position splits replay from live with nothing missed or twice.
 *       When a lane's queue is full the event is not delivered there and every connection of that
 *       lane (and every one joining it) gets {@code $resync}: nothing grows without bound.
 *   <li>The connections are spread over a few lanes (one per core, at most {@link #MAX_LANES}),
 *       each with its own hand-off queue and fan-out thread: with 10,000 clients one thread spent
 *       tens of milliseconds per event writing to every socket. A lane's thread joins new
 *       connections (replay, then live), takes frames from its queue and does the per-connection
 *       work (filter, access policy, budget, handing the wire form to the transport), and every
 *       {@link #SWEEP_INTERVAL} measures its transports' queues. A connection belongs to one lane
 *       for life and its state is written by that lane's thread only, so its frames keep the order
 *       of the queue; stats are read through volatile fields.
 *   <li>{@link #handshake}, {@link Ticket#open} and {@link Connection#remove} may be called from any
 *       thread; the connection lists are copy-on-write, the joining queue concurrent, and a
 *       connection is queued to join under the sequencer lock.
 *   <li>With a {@link Broker} whose stream can be read, {@link #publish} only publishes, and the
 *       broker's thread hands every entry back ({@link BrokerListener#received}), this node's own
 *       included; each is decoded once, for the access policy, and numbered with the stream's
 *       position under the sequencer lock. Remote events reach clients only, never this process's
 *       in-process listeners.
 * </ul>
 *
 * @param <F> the transport's wire form of a frame
 */
public final class FanOut<F> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /**
     * How often queues are measured, drained connections get their {@code $resync} and slow ones
     * are closed: short enough that a drained client hears of its loss within a blink, long enough
     * that measuring 10,000 queues costs little.
     */
    static final Duration SWEEP_INTERVAL = Duration.ofMillis(50);

    /**
     * How far along the stream a resuming client's position may be ahead of this node's: another
     * node it was connected to may have read a few entries more.
     */
    static final long MAX_AHEAD = 10_000;

    /** Fan-out threads at most; more than the cores only adds hand-offs. */
    static final int MAX_LANES = 4;

    private final EventJson json;
    private final EndpointSettings settings;
    private final WireFormat<F> format;
    private final Admission admission;
    private final Duration sweepInterval;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final List<Lane<F>> lanes = new ArrayList<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final PrincipalCounts perPrincipal = new PrincipalCounts();
    private final EndpointCounters counters = new EndpointCounters();
    /** One line per kind of anomaly per period (budget closes, policy failures), see {@link LogLimiter}. */
    private final LogLimiter anomalies = new LogLimiter(LogLimiter.PERIOD, LOG::info);

    private final AtomicLong ids = new AtomicLong();

    /**
     * Numbers events and orders them into the lanes: {@link #sequence}, {@link #skip}, joining a
     * connection to its lane, and reading {@link #recent} run under it. Short: no I/O, no waiting.
     */
    private final Object sequencer = new Object();
    /**
     * The newest position numbered, and so the numbering in use: the stream's while {@link
     * #streaming}, else this node's own (random per start and per broker outage, so that a position
     * from before is recognised). Written under {@link #sequencer}.
     */
    private volatile Frame.Mark last = new Frame.Mark(Position.newEpoch(), 0, 0);
    /**
     * With a broker whose stream can be read: what the stream holds is delivered, in its order and
     * under its positions, this node's own events included. Written under {@link #sequencer}.
     */
    private volatile boolean streaming;

    private final Retention retention;
    private final RecentFrames<F> recent; // under sequencer

    private final AtomicLong overflows = new AtomicLong();
    /** Heap held by frames waiting in the hand-off, over every lane; see {@link #handOff}. */
    private final AtomicLong handoffBytes = new AtomicLong();

    private volatile boolean closed;
    /** The bus this core forwards, once {@link #forward} was called. */
    private volatile Subscription source;

    /** This core's id among the nodes of a {@link Broker}; its own envelopes never come back. */
    private final String nodeId = UUID.randomUUID().toString();

    private final Broker broker;
    /** Why the broker's stream is not read, for monitoring; {@code null} while {@link #streaming}. */
    private volatile String brokerProblem = "not connected yet";

    public FanOut(EventJson json, EndpointSettings settings, WireFormat<F> format) {
        this(
                json,
                settings,
                format,
                SWEEP_INTERVAL,
                Math.min(MAX_LANES, Runtime.getRuntime().availableProcessors()));
    }

    FanOut(EventJson json, EndpointSettings settings, WireFormat<F> format, Duration sweepInterval, int laneCount) {
        this.json = Objects.requireNonNull(json, "json");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.format = Objects.requireNonNull(format, "format");
        this.admission = new Admission(settings, anomalies);
        this.sweepInterval = sweepInterval;
        this.pingIntervalNanos = settings.pingInterval().toNanos();
        this.idleTimeoutNanos = settings.idleTimeout().toNanos();
        this.retention = settings.retention();
        this.recent = new RecentFrames<>(retention);
        for (int i = 0; i < Math.max(1, laneCount); i++) {
            lanes.add(new Lane<>(this, i, settings.handoffCapacity(), sweepInterval));
        }
        this.broker = settings.broker();
        if (broker != null) {
            broker.start(nodeId, new RemoteEvents());
        }
    }

    /** Publishes every event emitted on {@code bus} from now on, until {@link #close()}. */
    public void forward(EventBus bus) {
        source = bus.onAny((type, event) -> publish(type, (Record) event));
    }

    /**
     * Encodes {@code event} once and, with a broker whose stream can be read, only publishes it:
     * it comes back from the stream numbered, as every node's events do. Otherwise numbers it in
     * this node's numbering, keeps it for reconnecting clients, hands it to the fan-out lanes and,
     * with a broker, publishes it marked as delivered here. Never blocks or throws because of the
     * broker; harmless after {@link #close()}.
     */
    public void publish(EventType<?> type, Record event) {
        if (closed) {
            return;
        }
        if (streaming) {
            // Delivered when it is read back from the stream, with the stream's position.
            publishToBroker(type, encode(type, event), false);
            return;
        }
        boolean framed = retention.enabled() || admitted.get() > 0;
        if (!framed && broker == null) {
            skip(type);
            return;
        }
        byte[] envelope = encode(type, event);
        boolean deliveredHere = framed ? sequence(type, event, envelope) : skip(type);
        if (broker != null) {
            publishToBroker(type, envelope, deliveredHere);
        }
    }

    private void publishToBroker(EventType<?> type, byte[] envelope, boolean deliveredHere) {
        try {
            broker.publish(type.name(), envelope, deliveredHere);
        } catch (RuntimeException e) {
            skipped("publish", "Publishing to the broker failed; the other nodes learn of the loss as a gap", e);
        }
    }

    /**
     * Numbers a local event in this node's numbering, frames it with its position, keeps it and
     * hands it off, all under {@link #sequencer}: frames reach every lane in seq order, and a
     * joining connection's position splits what it replays from what it gets live with nothing
     * missed and nothing twice. Returns false, doing nothing, once the stream numbers events.
     */
    private boolean sequence(EventType<?> type, Record event, byte[] envelope) {
        synchronized (sequencer) {
            if (streaming) {
                return false;
            }
            add(type, event, envelope, last.withSeq(last.seq() + 1), System.nanoTime());
            return true;
        }
    }

    /** Frames an event at {@code mark}, keeps it and hands it off. Under {@link #sequencer}. */
    private void add(EventType<?> type, Record event, byte[] envelope, Frame.Mark mark, long keptAtNanos) {
        String position = mark.toString();
        byte[] json = EventJson.withId(envelope, position);
        Frame<F> frame = new Frame<>(type, event, json, format.eventFrame(json, position), mark, keptAtNanos);
        last = mark;
        recent.add(frame, keptAtNanos);
        handOff(frame);
    }

    /**
     * Numbers an event nobody can receive (no connection, nothing kept): a client joining now
     * missed it. Returns false, doing nothing, once the stream numbers events.
     */
    private boolean skip(EventType<?> type) {
        synchronized (sequencer) {
            if (streaming) {
                return false;
            }
            last = last.withSeq(last.seq() + 1);
            recent.skip(last.seq(), type.name());
            return true;
        }
    }

    /**
     * A new numbering from now on (the stream's, or this node's own): what is kept belongs to the
     * old one and is let go; connections keep their place, since every frame of the new generation
     * comes after every frame of the old. Under {@link #sequencer}.
     */
    private void renumber(String epoch, long afterSeq) {
        last = new Frame.Mark(epoch, afterSeq, last.generation() + 1);
        recent.reset(afterSeq);
    }

    /**
     * Offers {@code frame} to every lane that has connections or joining ones. Bounded twice: in
     * frames per lane, and in bytes over all lanes ({@link EndpointSettings#handoffBytes}), since one
     * event of 8 KiB holds as much heap as eighty of 100 B. A frame that does not fit is not
     * delivered there and every connection of the lane gets {@code $resync}. Under {@link #sequencer}.
     */
    private void handOff(Frame<F> frame) {
        counters.countPublished();
        if (handoffBytes.addAndGet(frame.weight) > settings.handoffBytes()) {
            handoffBytes.addAndGet(-frame.weight);
            for (Lane<F> lane : lanes) {
                if (!lane.isEmpty()) {
                    missedByLane(lane, ResyncCause.OVERFLOW);
                }
            }
            return;
        }
        frame.holders.set(1); // this thread's hold, until every lane had its offer
        for (Lane<F> lane : lanes) {
            if (lane.isEmpty()) {
                continue;
            }
            frame.holders.incrementAndGet();
            if (lane.handoff.offer(frame)) {
                lane.handedOff = frame.mark();
            } else {
                frame.holders.decrementAndGet();
                missedByLane(lane, ResyncCause.OVERFLOW);
            }
        }
        release(frame);
    }

    /**
     * Every connection of {@code lane} missed an event, and so did those still joining it (their
     * position is older than the event). Under {@link #sequencer}.
     */
    private void missedByLane(Lane<F> lane, ResyncCause cause) {
        if (cause == ResyncCause.OVERFLOW) {
            overflows.incrementAndGet();
        }
        // The lane tells its connections once it has delivered what was handed to it before the
        // miss, so that a $resync never arrives ahead of older events still in the hand-off.
        lane.everyoneMissed.accumulateAndGet(
                new Lane.Missed(cause, lane.handedOff),
                (earlier, now) -> earlier == null ? now : new Lane.Missed(earlier.cause(), now.after()));
        lane.joining.forEach(joiner -> joiner.requestResync(cause));
    }

    /** Lets go of a frame a lane (or the publishing thread) held; the last one gives its bytes back. */
    void release(Frame<F> frame) {
        if (frame.holders.decrementAndGet() == 0) {
            handoffBytes.addAndGet(-frame.weight);
        }
    }

    /** Bytes of frames waiting in the hand-off (estimated as {@link Frame#weight}). */
    long handoffBytes() {
        return handoffBytes.get();
    }

    /** A skipped envelope from the stream, or a failed publish: one line per kind and period, with a count. */
    private void skipped(String kind, String message, Exception cause) {
        anomalies.log("skipped envelopes (" + kind + ")", message, line -> LOG.warn(line, cause));
    }

    boolean isClosed() {
        return closed;
    }

    EndpointSettings settings() {
        return settings;
    }

    WireFormat<F> wireFormat() {
        return format;
    }

    long pingIntervalNanos() {
        return pingIntervalNanos;
    }

    long idleTimeoutNanos() {
        return idleTimeoutNanos;
    }

    /** A connection of {@code principal} left its lane. */
    void connectionRemoved(Object principal) {
        admitted.decrementAndGet();
        perPrincipal.release(principal);
    }

    LogLimiter anomalies() {
        return anomalies;
    }

    /** What this endpoint has counted, for a metrics binding. */
    public EndpointCounters counters() {
        return counters;
    }

    /** Where the broker stands, when this core has one. */
    public Optional<BrokerHealth> brokerHealth() {
        if (broker == null) {
            return Optional.empty();
        }
        boolean reading = streaming;
        return Optional.of(new BrokerHealth(
                broker.name(),
                reading,
                reading ? null : brokerProblem,
                reading ? broker.lag() : -1,
                broker.publishesLost()));
    }

    /** Admitted connections of {@code principal} now. */
    public int connectionCount(Object principal) {
        return perPrincipal.of(principal);
    }

    /** This core's node id among the instances sharing its broker. */
    public String nodeId() {
        return nodeId;
    }

    private <T extends Record> byte[] encode(EventType<T> type, Record event) {
        return json.encode(type, type.cast(event), System.currentTimeMillis());
    }

    /**
     * Decides on a client's upgrade request (path, {@code events} query, origin, authenticator).
     * Call it when the request arrives, before the upgrade response goes out: events published from
     * then on either reach the client or earn it a {@code $resync}.
     */
    public Ticket handshake(Handshake handshake) {
        Frame.Mark now = last;
        Admission.Decision decision =
                closed ? new Admission.Refused(Disconnect.SERVICE_RESTART) : admission.decide(handshake);
        return new Ticket(
                decision,
                new Position(now.epoch(), now.seq()),
                handshake.queryParameter("since").orElse(null));
    }

    /** Admitted connections now. */
    public int connectionCount() {
        return admitted.get();
    }

    /** Times an event found a lane's hand-off full, in frames or in bytes. */
    public long overflows() {
        return overflows.get();
    }

    public List<ConnectionStats> stats() {
        List<ConnectionStats> stats = new ArrayList<>();
        for (Connection<F> c : connections()) {
            stats.add(c.stats());
        }
        return stats;
    }

    /**
     * Stops forwarding the bus, closes the broker, stops the lanes' threads and forgets every
     * connection (the transport closes them); frames not yet delivered are dropped, later
     * handshakes refused.
     */
    @Override
    public void close() {
        closed = true;
        Subscription forwarded = source;
        if (forwarded != null) {
            forwarded.close();
        }
        if (broker != null) {
            try {
                broker.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the broker failed", e);
            }
        }
        // Woken, not interrupted: a lane may be writing a socket (the transports write directly),
        // and an interrupt closes a channel that is being written.
        lanes.forEach(Lane::wake);
        for (Lane<F> lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lane.handoff.clear();
            lane.joining.forEach(Connection::remove);
            lane.connections.forEach(Connection::remove);
        }
    }

    /** The admitted connections of every lane. */
    private List<Connection<F>> connections() {
        List<Connection<F>> all = new ArrayList<>();
        lanes.forEach(lane -> all.addAll(lane.connections));
        return all;
    }

    /** Sweeps every lane has done, for tests that wait for the core to have looked at every connection. */
    long sweeps() {
        long fewest = Long.MAX_VALUE;
        for (Lane<F> lane : lanes) {
            fewest = Math.min(fewest, lane.sweeps);
        }
        return fewest;
    }

    /** What the broker delivers: the stream's entries with their positions, and the news that some were lost. */
    private final class RemoteEvents implements BrokerListener {
        @Override
        public void streaming(String epoch, long afterSeq) {
            synchronized (sequencer) {
                if (closed) {
                    return;
                }
                LOG.info("Delivering the broker's stream from {}-{}", epoch, afterSeq);
                streaming = true;
                brokerProblem = null;
                renumber(streamEpoch(epoch), afterSeq);
            }
        }

        @Override
        public void unavailable(String reason) {
            synchronized (sequencer) {
                if (closed) {
                    return;
                }
                brokerProblem = reason;
                if (!streaming) {
                    return;
                }
                LOG.info("The broker's stream cannot be read ({}): delivering this node's events directly", reason);
                streaming = false;
                renumber(Position.newEpoch(), 0);
            }
        }

        @Override
        public int retainedEvents() {
            return retention.events();
        }

        @Override
        public void received(String epoch, long seq, long tsMillis, byte[] envelope) {
            if (closed) {
                return;
            }
            ReceivedEvent event = decodeEntry(envelope); // once per node, for the access policy
            long ageNanos = Math.max(0, System.currentTimeMillis() - tsMillis) * 1_000_000;
            String numbering = streamEpoch(epoch);
            synchronized (sequencer) {
                if (!streaming) {
                    return; // the adapter said unavailable: its entries come again after streaming
                }
                if (!numbering.equals(last.epoch())) {
                    renumber(numbering, seq - 1); // the broker lost its data; it reports the gap
                }
                if (seq <= last.seq()) {
                    return; // delivered already
                }
                if (event == null) {
                    last = last.withSeq(seq); // undecodable here: no client of this node gets it
                    return;
                }
                add(event.type(), event.event(), envelope, last.withSeq(seq), System.nanoTime() - ageNanos);
            }
        }

        /** The decoded entry, or {@code null} (logged once per kind) for one this node cannot read. */
        private ReceivedEvent decodeEntry(byte[] envelope) {
            if (envelope.length > settings.byteBudget()) {
                skipped(
                        "over-long",
                        "Skipped an envelope from the stream: " + envelope.length + " bytes, over the byte budget",
                        null);
                return null;
            }
            try {
                return json.decode(envelope);
            } catch (EventDecodeException e) {
                String problem = e.getMessage();
                String kind = problem.contains("unknown event") ? "unknown event" : "malformed";
                skipped(kind, "Skipped an envelope from the stream: " + problem, null);
            } catch (RuntimeException e) {
                skipped("failed", "Skipped an envelope from the stream that failed to decode", e);
            }
            return null;
        }

        @Override
        public void gap(String reason) {
            if (closed) {
                return;
            }
            LOG.info("Events from the stream may have been lost ({}): every client gets $resync", reason);
            counters.countBrokerGap();
            synchronized (sequencer) {
                // A client resuming from before now missed them too.
                recent.lost(last.seq() + 1, ResyncCause.BROKER_GAP);
                lanes.forEach(lane -> missedByLane(lane, ResyncCause.BROKER_GAP));
            }
        }
    }

    /** A broker's epoch as a position's epoch: as it is when it is one, else a digest of it. */
    private static String streamEpoch(String epoch) {
        return Position.isEpoch(epoch) ? epoch : Long.toString(epoch.hashCode() & 0xffffffffL, 36);
    }

    /**
     * A client whose upgrade request was decided on: kept by the transport adapter until the
     * connection is open, then {@link #open opened}.
     */
    public final class Ticket {
        private final Admission.Decision decision;
        /** Where the stream stood at the handshake: a client without {@code since} gets what follows. */
        private final Position atHandshake;
        /** The client's {@code since}, as sent, or {@code null}. */
        private final String since;

        private Ticket(Admission.Decision decision, Position atHandshake, String since) {
            this.decision = decision;
            this.atHandshake = atHandshake;
            this.since = since;
        }

        /** The close the client will get from {@link #open}, or {@code null} when it is admitted. */
        public Disconnect refusal() {
            return decision instanceof Admission.Refused refused ? refused.disconnect() : null;
        }

        /**
         * Admits the open connection, or closes {@code transport} with the refusal (or 4429 at the
         * connection limit or the principal's, 1012 once the core is closed) and returns {@code
         * null}.
         *
         * <p>An admitted connection joins its lane from a position: the client's {@code since}, or
         * where the stream stood at the handshake (the upgrade response is written before the
         * connection is admitted, and events numbered in that window must reach it too). Its lane
         * replays what it missed after that position from the kept frames, then sends it live ones.
         */
        public Connection<F> open(Transport<F> transport) {
            Disconnect refusal = closed ? Disconnect.SERVICE_RESTART : refusal();
            if (refusal == null && admitted.incrementAndGet() > settings.maxConnections()) {
                admitted.decrementAndGet();
                refusal = Disconnect.TOO_MANY_CONNECTIONS;
            }
            Admission.Admitted admittedAs = refusal == null ? (Admission.Admitted) decision : null;
            if (admittedAs != null
                    && !perPrincipal.tryAcquire(admittedAs.principal(), settings.maxConnectionsPerUser())) {
                admitted.decrementAndGet();
                refusal = Disconnect.TOO_MANY_CONNECTIONS.withReason("too many connections for this user");
            }
            if (refusal != null) {
                counters.countRefused(refusal);
                Disconnect refused = refusal;
                anomalies.log(
                        "connections refused with " + refused.code(),
                        "Refused a connection with " + refused.code() + " (" + refused.reason() + ")",
                        LOG::info);
                transport.close(refusal);
                return null;
            }
            long id = ids.incrementAndGet();
            Lane<F> lane = lanes.get((int) (id % lanes.size()));
            Connection<F> connection =
                    new Connection<>(FanOut.this, id, lane, transport, admittedAs.principal(), admittedAs.names());
            counters.countOpened();
            synchronized (sequencer) {
                // From here on every frame numbered goes to this lane, after `last`: live.
                connection.joinFrom(new Join(since != null, since != null ? Position.parse(since) : atHandshake, last));
                lane.joining.add(connection);
            }
            lane.wake();
            return connection;
        }
    }

    /**
     * Where a connection joins the stream.
     *
     * @param resuming whether the client asked to resume ({@code since}); it then hears {@code
     *     $resumed} or {@code $resync}
     * @param from the position it has seen everything up to, {@code null} when its {@code since} was
     *     not a position
     * @param upTo the newest seq numbered when it joined: what follows comes live
     */
    record Join(boolean resuming, Position from, Frame.Mark upTo) {}

    /**
     * The frames a joining connection missed after its position, up to its join, of the names it
     * asked for; or why they cannot be served. The lane's thread calls it.
     */
    RecentFrames.Replay<F> replay(Join join, Set<String> names) {
        Position from = join.from();
        Frame.Mark upTo = join.upTo();
        if (from == null) {
            return RecentFrames.Replay.refused(ResyncCause.MALFORMED);
        }
        synchronized (sequencer) {
            if (!from.epoch().equals(upTo.epoch()) || last.generation() != upTo.generation()) {
                return RecentFrames.Replay.refused(ResyncCause.EPOCH);
            }
            if (from.seq() > upTo.seq()) {
                // Another node may have read a little further along the stream than this one: what
                // comes up to its position, it has had.
                boolean aheadOnTheStream = streaming && from.seq() - upTo.seq() <= MAX_AHEAD;
                return aheadOnTheStream
                        ? RecentFrames.Replay.ahead(from.seq())
                        : RecentFrames.Replay.refused(ResyncCause.MALFORMED);
            }
            return recent.replay(from.seq(), upTo.seq(), names, System.nanoTime());
        }
    }

    Retention retention() {
        return retention;
    }
}
