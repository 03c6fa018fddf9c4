package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The notes page and the generated TypeScript client against the reactive app: samples/spring-boot's
 * {@code web/page.test.ts} drives the page in Debian's chromium (two windows, each logged in
 * through the form, see each other's notes), and {@code web/client.test.ts} connects from Node
 * with a form login's session cookie and is refused with 4401 without one. They run from that
 * sample's folder, whose build installed their packages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReactivePageTest {
    @Value("${local.server.port}")
    int port;

    @Test
    void theGeneratedClientInNode_andThePageInChromium_workAgainstTheReactiveApp() throws Exception {
        ProcessBuilder vitest = new ProcessBuilder("npx", "vitest", "run")
                .directory(new File("../spring-boot"))
                .redirectErrorStream(true);
        vitest.environment().put("HERALD_PORT", Integer.toString(port));
        vitest.environment().put("CI", "true");
        Process process = vitest.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("vitest finished").isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("3 passed");
    }
}
