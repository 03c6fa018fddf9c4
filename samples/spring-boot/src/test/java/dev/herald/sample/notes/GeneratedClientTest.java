package dev.herald.sample.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The page and the generated TypeScript client against the running app: the page's script is
 * served beside the API; {@code web/client.test.ts} (Vitest, Node, {@code ws}) logs in with a form
 * and connects through its session cookie on the app's port; {@code web/page.test.ts} drives the
 * page in Debian's chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GeneratedClientTest {
    @Value("${local.server.port}")
    int port;

    @Test
    void thePageAndItsScript_areServedOnTheAppsPort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        for (String path : new String[] {"/index.html", "/app.js"}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", auth)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theGeneratedClientInNode_andThePageInChromium_workAgainstTheApp() throws Exception {
        ProcessBuilder vitest = new ProcessBuilder("npx", "vitest", "run")
                .directory(new File("."))
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
