package org.vmguard.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/**
 * Password and application-credential logins against a real Keystone from Debian's packages
 * (python3-keystone, SQLite, wsgiref on 127.0.0.1), started by scripts/keystone-test-server.
 */
@Tag("slow")
class RealKeystoneTest {

    static final String ADMIN_PASSWORD = "vmguard-Admin-pw-1";

    @TempDir
    static Path dir;

    static Process keystone;
    static String authUrl;

    @BeforeAll
    static void startKeystone() throws Exception {
        Tools.require("/usr/bin/keystone-manage");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        keystone = new ProcessBuilder("scripts/keystone-test-server", dir.toString(), String.valueOf(port), ADMIN_PASSWORD)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(keystone.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("listening")) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
                return "exited: " + seen;
            } catch (java.io.IOException e) {
                return "exited: " + e;
            }
        }).get(180, TimeUnit.SECONDS);
        assertThat(first).as("keystone-test-server (see %s/manage.log)", dir).startsWith("listening");
        // keep draining its output so it never blocks on a full pipe
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(l -> { }));
        authUrl = "http://127.0.0.1:" + port + "/v3";
    }

    @AfterAll
    static void stopKeystone() throws Exception {
        if (keystone != null) {
            keystone.destroy();
            keystone.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static CloudConfig env(Map<String, String> vars) {
        return new CloudConfig(vars, dir, dir);
    }

    static ClientOptions options() {
        return ClientOptions.defaults().withDelays(Duration.ofMillis(10), Duration.ofMillis(100));
    }

    @Test
    void passwordAndApplicationCredentialLoginsWork() {
        Credentials admin = env(Map.of("OS_AUTH_URL", authUrl, "OS_USERNAME", "admin", "OS_PASSWORD", ADMIN_PASSWORD,
                "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME", "Default", "OS_PROJECT_DOMAIN_NAME", "Default"))
                .resolve(null, null);
        OpenStackClient client = new OpenStackClient(admin, options());
        Token t = client.token();
        assertThat(t.projectName()).isEqualTo("admin");
        assertThat(t.catalog().url("identity", "public", "RegionOne")).contains(authUrl);

        // create an application credential through our client, with the password token
        ObjectNode body = OpenStackClient.JSON.createObjectNode();
        body.putObject("application_credential").put("name", "vmguard-test").put("description", "RealKeystoneTest");
        JsonNode ac = client.service("identity", "RegionOne").call("POST", "/users/" + t.userId() + "/application_credentials", body)
                .orThrow().json().path("application_credential");
        String id = ac.path("id").asText();
        String secret = ac.path("secret").asText();
        assertThat(id).isNotEmpty();

        Credentials app = env(Map.of("OS_AUTH_URL", authUrl, "OS_AUTH_TYPE", "v3applicationcredential",
                "OS_APPLICATION_CREDENTIAL_ID", id, "OS_APPLICATION_CREDENTIAL_SECRET", secret)).resolve(null, null);
        Token at = new OpenStackClient(app, options()).token();
        assertThat(at.projectId()).isEqualTo(t.projectId());
        assertThat(at.toString()).doesNotContain(secret);

        Credentials wrong = env(Map.of("OS_AUTH_URL", authUrl, "OS_APPLICATION_CREDENTIAL_ID", id,
                "OS_APPLICATION_CREDENTIAL_SECRET", "not-" + secret)).resolve(null, null);
        assertThatThrownBy(() -> new OpenStackClient(wrong, options()).token()).isInstanceOf(CredentialError.class)
                .hasMessageContaining("refused the application credential login").hasMessageNotContaining(secret);
    }

    @Test
    void aWrongPasswordIsACredentialErrorNamingItsSource() {
        Credentials bad = env(Map.of("OS_AUTH_URL", authUrl, "OS_USERNAME", "admin", "OS_PASSWORD", "wrong-" + ADMIN_PASSWORD,
                "OS_PROJECT_NAME", "admin")).resolve(null, null);
        assertThatThrownBy(() -> new OpenStackClient(bad, options()).token()).isInstanceOf(CredentialError.class)
                .hasMessageContaining("OS_* environment variables").hasMessageContaining("HTTP 401")
                .hasMessageNotContaining(ADMIN_PASSWORD);
    }
}
