package dev.herald.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Herald's settings under {@code herald.*}. */
@ConfigurationProperties("herald")
public class HeraldProperties {
    /**
     * Whether a Herald event record published through Spring's ApplicationEventPublisher is also
     * emitted on the Herald bus (and so reaches the WebSocket clients).
     */
    private boolean springEvents = true;

    /**
     * Whether the application's Jackson mapper writes and reads event records with Herald's
     * generated codecs (HeraldModule on Jackson 2, HeraldJackson3Module on Jackson 3), so that a
     * controller writes what the WebSocket clients receive.
     */
    private boolean jacksonModule = true;

    private final WebSocket websocket = new WebSocket();

    private final Broker broker = new Broker();

    public boolean isSpringEvents() {
        return springEvents;
    }

    public void setSpringEvents(boolean springEvents) {
        this.springEvents = springEvents;
    }

    public boolean isJacksonModule() {
        return jacksonModule;
    }

    public void setJacksonModule(boolean jacksonModule) {
        this.jacksonModule = jacksonModule;
    }

    public WebSocket getWebsocket() {
        return websocket;
    }

    public Broker getBroker() {
        return broker;
    }

    /** The events endpoint on the application's own port. */
    public static class WebSocket {
        /** Whether to serve the events endpoint. */
        private boolean enabled = true;

        /** The endpoint's path on the application's port. */
        private String path = "/api/events/ws";

        /**
         * On Tomcat and Jetty (ee10), whether the endpoint takes its connections over after the
         * handshake and writes Herald's pre-built frames itself (fast); false, or on another server:
         * the server's Jakarta WebSocket API.
         */
        private boolean servletUpgrade = true;

        /**
         * Whether the endpoint's path also serves the events as Server-Sent Events, to a GET that
         * accepts text/event-stream: for browsers behind proxies that refuse WebSocket upgrades.
         */
        private boolean eventStream = true;

        /**
         * Origins admitted, exactly as scheme://host[:port]. Empty: a browser is admitted only from the
         * host the application is reached at (any port); clients without Origin always are.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        /** Bytes a connection may have queued before its events are dropped (then $resync). */
        private DataSize byteBudget = DataSize.ofMegabytes(1);

        /**
         * Heap that events waiting for the fan-out threads may hold (an event counts three times its
         * JSON); beyond, events are dropped and clients get $resync.
         */
        private DataSize handoffBytes = DataSize.ofMegabytes(8);

        /** Connections admitted at most; more are closed with 4429. */
        private int maxConnections = 10_000;

        /**
         * Connections of one user (the authenticated principal's name) admitted at most; more are
         * closed with 4429. Unset: unlimited.
         */
        private Integer maxConnectionsPerUser;

        /** How often open connections are pinged. */
        private Duration pingInterval = Duration.ofSeconds(30);

        /** Silence after which a connection is closed. */
        private Duration idleTimeout = Duration.ofSeconds(60);

        /** What is kept for clients that reconnect with since, and how long the shutdown drain waits. */
        private final Resume resume = new Resume();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public boolean isServletUpgrade() {
            return servletUpgrade;
        }

        public void setServletUpgrade(boolean servletUpgrade) {
            this.servletUpgrade = servletUpgrade;
        }

        public boolean isEventStream() {
            return eventStream;
        }

        public void setEventStream(boolean eventStream) {
            this.eventStream = eventStream;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public List<String> getAllowedOrigins() {
            return allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public DataSize getByteBudget() {
            return byteBudget;
        }

        public void setByteBudget(DataSize byteBudget) {
            this.byteBudget = byteBudget;
        }

        public DataSize getHandoffBytes() {
            return handoffBytes;
        }

        public void setHandoffBytes(DataSize handoffBytes) {
            this.handoffBytes = handoffBytes;
        }

        public int getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
        }

        public Integer getMaxConnectionsPerUser() {
            return maxConnectionsPerUser;
        }

        public void setMaxConnectionsPerUser(Integer maxConnectionsPerUser) {
            this.maxConnectionsPerUser = maxConnectionsPerUser;
        }

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public Resume getResume() {
            return resume;
        }
    }

    /** herald.websocket.resume: reconnects that resume instead of re-fetching, and the drain on shutdown. */
    public static class Resume {
        /** Recent events kept for reconnecting clients; 0 turns resume off. */
        private int events = 10_000;

        /** Heap the kept events may hold (an event counts three times its JSON). */
        private DataSize bytes = DataSize.ofMegabytes(16);

        /** Kept events older than this are dropped. */
        private Duration maxAge = Duration.ofMinutes(5);

        /** A client that missed more events than this gets $resync instead of a replay. */
        private int replayCap = 10_000;

        /**
         * On shutdown every client is closed with 1012 (service restart) and reconnects to another
         * instance; the shutdown waits this long for the closes.
         */
        private Duration drainTimeout = Duration.ofSeconds(5);

        public int getEvents() {
            return events;
        }

        public void setEvents(int events) {
            this.events = events;
        }

        public DataSize getBytes() {
            return bytes;
        }

        public void setBytes(DataSize bytes) {
            this.bytes = bytes;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public int getReplayCap() {
            return replayCap;
        }

        public void setReplayCap(int replayCap) {
            this.replayCap = replayCap;
        }

        public Duration getDrainTimeout() {
            return drainTimeout;
        }

        public void setDrainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
        }
    }

    /**
     * What carries events between the application's instances (herald-redis or herald-nats on the
     * class path); unset for a single instance. An application's own Broker bean wins.
     */
    public static class Broker {
        private final Redis redis = new Redis();

        private final Nats nats = new Nats();

        public Redis getRedis() {
            return redis;
        }

        public Nats getNats() {
            return nats;
        }
    }

    /** A Redis Stream (herald-redis). */
    public static class Redis {
        /** The Redis to use, for example redis://redis.internal:6379; setting it turns the broker on. */
        private String uri;

        /** The stream key; the meta hash is the key with its last segment replaced by "meta". */
        private String stream = "{herald}:events";

        /** About how many entries the stream keeps; a node further behind gets $resync. */
        private long maxLength = 10_000;

        public String getUri() {
            return uri;
        }

        public void setUri(String uri) {
            this.uri = uri;
        }

        public String getStream() {
            return stream;
        }

        public void setStream(String stream) {
            this.stream = stream;
        }

        public long getMaxLength() {
            return maxLength;
        }

        public void setMaxLength(long maxLength) {
            this.maxLength = maxLength;
        }
    }

    /** A NATS JetStream stream (herald-nats). */
    public static class Nats {
        /** The NATS server, with JetStream, for example nats://nats.internal:4222; turns the broker on. */
        private String url;

        /** The JetStream stream, created when missing. */
        private String stream = "HERALD";

        /** How many messages the stream keeps when it is created here; a node further behind gets $resync. */
        private long maxMessages = 10_000;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getStream() {
            return stream;
        }

        public void setStream(String stream) {
            this.stream = stream;
        }

        public long getMaxMessages() {
            return maxMessages;
        }

        public void setMaxMessages(long maxMessages) {
            this.maxMessages = maxMessages;
        }
    }
}
