package dev.herald.it.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.jakarta.EventEndpoint;
import dev.herald.runtime.EventBus;
import org.apache.catalina.Context;

/**
 * The behaviour tests on {@link EventEndpoint} in embedded Tomcat 11, deployed on the servlet
 * context: Tomcat gets the servlet upgrade, Herald's fast path.
 */
class TomcatUpgradeEndpointTest extends TomcatEndpointTest {
    @Override
    protected void deploy(EventEndpoint endpoint, Context context, boolean started) throws Exception {
        if (!started) {
            endpoint.deploy(context.getServletContext());
        } else {
            assertThat(endpoint.deployment()).contains(EventEndpoint.Deployment.SERVLET_UPGRADE);
        }
    }

    @Override
    protected Endpoint startOverTls(EventBus bus, TlsKeys keys) throws Exception {
        return start(bus, options -> {}, "", keys);
    }

    @Override
    protected boolean answersTheHandshakeItself() {
        return true;
    }

    @Override
    protected int abandonedClientCloseMillis() {
        return 5000; // Herald's own close grace, not Tomcat's session close timeout
    }
}
