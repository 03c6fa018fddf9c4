package dev.herald.jakarta;

import jakarta.servlet.ServletContext;

/**
 * What the class path says about the container: which container-specific fast path can load.
 * Checked by class name, so that nothing of a container loads where it is absent.
 */
final class Containers {
    /** Tomcat's extension point for protocol handlers, which {@link TomcatUpgrade} implements. */
    static final boolean TOMCAT_UPGRADE = isPresent("org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler");

    /** Jetty 12's ee10 servlet request and its core connection upgrade, which {@link JettyUpgrade} uses. */
    static final boolean JETTY_UPGRADE = isPresent("org.eclipse.jetty.ee10.servlet.ServletContextRequest")
            && isPresent("org.eclipse.jetty.server.HttpStream");

    /** Jetty 12's Jakarta session (ee10), whose core session {@link JettyFrameSender} sends through. */
    static final boolean JETTY_CORE =
            isPresent("org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession");

    private Containers() {}

    /** Whether {@code context} is Jetty 12's ee10, whose connections {@link JettyUpgrade} takes over. */
    static boolean isJettyUpgradable(ServletContext context) {
        return JETTY_UPGRADE
                && context.getServerInfo().startsWith("jetty/")
                && context.getClass().getName().startsWith("org.eclipse.jetty.ee10.");
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, Containers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
