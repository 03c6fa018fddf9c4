package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

/**
 * What a Spring team builds without Herald, on the same embedded Tomcat with Spring MVC's {@link
 * DispatcherServlet}, for {@link FanOutLoad}'s peers: a {@link TextWebSocketHandler} that keeps its
 * sessions, each wrapped in a {@link ConcurrentWebSocketSessionDecorator} (1 MiB buffer, 10 s send
 * limit), and sends every event to each ({@code spring-handler}); and STOMP over WebSocket with
 * Spring's simple broker, every event sent with {@code convertAndSend} to a topic all clients
 * subscribe to ({@code spring-stomp}).
 */
final class SpringPeers implements AutoCloseable {
    private final Tomcat tomcat;
    private final AnnotationConfigWebApplicationContext spring;
    private final Broadcaster broadcaster;
    private final Subscriptions subscriptions;
    private final SimpMessagingTemplate stomp;
    final int port;

    private SpringPeers(boolean useStomp, int clients) throws Exception {
        spring = new AnnotationConfigWebApplicationContext();
        broadcaster = new Broadcaster();
        subscriptions = new Subscriptions();
        if (useStomp) {
            spring.register(StompConfig.class);
            spring.addBeanFactoryPostProcessor(beans -> beans.registerSingleton("subscriptions", subscriptions));
        } else {
            spring.register(HandlerConfig.class);
            spring.addBeanFactoryPostProcessor(beans -> beans.registerSingleton("broadcaster", broadcaster));
        }
        Path base = Files.createTempDirectory("herald-load-spring");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("maxConnections", Integer.toString(clients + 100));
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        Tomcat.addServlet(context, "dispatcher", new DispatcherServlet(spring)).setLoadOnStartup(1);
        context.addServletMappingDecoded("/", "dispatcher");
        tomcat.start();
        port = connector.getLocalPort();
        stomp = useStomp ? spring.getBean(SimpMessagingTemplate.class) : null;
    }

    /** Spring's {@code TextWebSocketHandler} broadcast, started. */
    static SpringPeers handler(int clients) throws Exception {
        return new SpringPeers(false, clients);
    }

    /** Spring's STOMP simple broker, started. */
    static SpringPeers stomp(int clients) throws Exception {
        return new SpringPeers(true, clients);
    }

    /** Connected (handler) or subscribed (STOMP) clients. */
    int connectionCount() {
        return stomp == null ? broadcaster.sessions.size() : subscriptions.count.get();
    }

    /** Sends one event's JSON to every client, on the calling thread, as the peer would. */
    void send(String json) {
        if (stomp == null) {
            broadcaster.broadcast(json);
        } else {
            stomp.convertAndSend(LoadClients.STOMP_DESTINATION, json);
        }
    }

    @Override
    public void close() throws Exception {
        spring.close();
        tomcat.stop();
        tomcat.destroy();
    }

    /** Keeps the sessions; sends each event to each. */
    static final class Broadcaster extends TextWebSocketHandler {
        final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            sessions.put(session.getId(), new ConcurrentWebSocketSessionDecorator(session, 10_000, 1 << 20));
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            sessions.remove(session.getId());
        }

        void broadcast(String json) {
            TextMessage message = new TextMessage(json);
            for (WebSocketSession session : sessions.values()) {
                try {
                    session.sendMessage(message);
                } catch (IOException | RuntimeException e) {
                    // the decorator closes a session over its limits; the close callback removes it
                }
            }
        }
    }

    @Configuration
    @EnableWebSocket
    static class HandlerConfig implements WebSocketConfigurer {
        private final Broadcaster broadcaster;

        HandlerConfig(Broadcaster broadcaster) {
            this.broadcaster = broadcaster;
        }

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(broadcaster, "/api/events/ws").setAllowedOrigins("*");
        }
    }

    /** Counts the STOMP subscriptions, so the tool knows when every client listens. */
    static final class Subscriptions implements ApplicationListener<org.springframework.context.ApplicationEvent> {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void onApplicationEvent(org.springframework.context.ApplicationEvent event) {
            if (event instanceof SessionSubscribeEvent) {
                count.incrementAndGet();
            } else if (event instanceof SessionDisconnectEvent) {
                count.decrementAndGet();
            }
        }
    }

    @Configuration
    @EnableWebSocketMessageBroker
    static class StompConfig implements WebSocketMessageBrokerConfigurer {
        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            registry.addEndpoint("/api/events/ws").setAllowedOriginPatterns("*");
        }

        @Override
        public void configureMessageBroker(MessageBrokerRegistry registry) {
            registry.enableSimpleBroker("/topic");
        }
    }
}
