package org.vmguard.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenStackClientTest {

    FakeOpenStack fake;

    @BeforeEach
    void start() {
        fake = new FakeOpenStack();
        fake.maxPage = 2;
        RiskyProject.populate(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    Credentials password(String region) {
        return new CloudConfig(Map.of("OS_AUTH_URL", fake.authUrl(), "OS_USERNAME", FakeOpenStack.USER,
                "OS_PASSWORD", FakeOpenStack.PASSWORD, "OS_PROJECT_NAME", FakeOpenStack.PROJECT),
                java.nio.file.Path.of("/nonexistent"), java.nio.file.Path.of("/nonexistent")).resolve(null, region);
    }

    OpenStackClient client(ClientOptions o) {
        return new OpenStackClient(password(null), o);
    }

    static ClientOptions fast() {
        return ClientOptions.defaults().withDelays(Duration.ofMillis(5), Duration.ofMillis(50)).withRate(1000, 1000);
    }

    long count(String request) {
        return fake.requests().stream().filter(l -> l.equals(request)).count();
    }

    @Test
    void oneTokenServesEveryThread() throws Exception {
        OpenStackClient c = client(fast());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> f = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            f.add(pool.submit(() -> c.service("network", "RegionOne").get("/v2.0/security-groups/g-db")));
        }
        for (Future<JsonNode> x : f) {
            assertThat(x.get().path("security_group").path("name").asText()).isEqualTo("database");
        }
        pool.shutdown();
        assertThat(fake.logins()).isEqualTo(1);
    }

    @Test
    void aTokenCloseToExpiryIsRenewedBeforeUse() throws Exception {
        fake.tokenLifetime(Duration.ofSeconds(2)); // shorter than the margin: renewed halfway
        OpenStackClient c = client(fast());
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        assertThat(fake.logins()).isEqualTo(1);
        Thread.sleep(1100);
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        assertThat(fake.logins()).isEqualTo(2);
    }

    @Test
    void a401MidRunRenewsTheTokenAndRetriesOnce() {
        OpenStackClient c = client(fast());
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        fake.revokeTokens();
        assertThat(c.service("network", "RegionOne").get("/v2.0/security-groups/g-db").path("security_group").path("id").asText())
                .isEqualTo("g-db");
        assertThat(fake.logins()).isEqualTo(2);
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-ssh", 2, 401, Map.of());
        assertThatThrownBy(() -> c.service("network", "RegionOne").get("/v2.0/security-groups/g-ssh"))
                .isInstanceOf(ApiError.class).hasMessageContaining("HTTP 401");
        assertThat(count("GET /network/RegionOne/v2.0/security-groups/g-ssh")).isEqualTo(2);
    }

    @Test
    void retryAfterOn429IsHonoured() {
        OpenStackClient c = client(ClientOptions.defaults().withDelays(Duration.ofMillis(5), Duration.ofSeconds(5)));
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-db", 1, 429, Map.of("Retry-After", "1"));
        long t0 = System.nanoTime();
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(count("GET /network/RegionOne/v2.0/security-groups/g-db")).isEqualTo(2);
    }

    @Test
    void a503IsRetriedWithBackOffUntilTheAttemptsRunOut() {
        OpenStackClient c = client(fast());
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-db", 3, 503, Map.of());
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        assertThat(count("GET /network/RegionOne/v2.0/security-groups/g-db")).isEqualTo(4);
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-ssh", 100, 503, Map.of());
        assertThatThrownBy(() -> c.service("network", "RegionOne").get("/v2.0/security-groups/g-ssh"))
                .isInstanceOf(ApiError.class).hasMessageContaining("HTTP 503").hasMessageContaining("injected failure");
        assertThat(count("GET /network/RegionOne/v2.0/security-groups/g-ssh")).isEqualTo(6);
    }

    @Test
    void a413IsRetriedOnlyWithRetryAfterAndA409NotAtAll() {
        OpenStackClient c = client(fast());
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-db", 1, 413, Map.of("Retry-After", "0"));
        c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-ssh", 1, 413, Map.of());
        assertThatThrownBy(() -> c.service("network", "RegionOne").get("/v2.0/security-groups/g-ssh"))
                .isInstanceOf(ApiError.class).hasMessageContaining("HTTP 413");
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-mail", 1, 409, Map.of());
        OpenStackClient.Response r = c.service("network", "RegionOne").call("GET", "/v2.0/security-groups/g-mail", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(count("GET /network/RegionOne/v2.0/security-groups/g-ssh")).isEqualTo(1);
        assertThat(count("GET /network/RegionOne/v2.0/security-groups/g-mail")).isEqualTo(1);
    }

    @Test
    void listsFollowNextLinksPageByPage() {
        OpenStackClient c = client(fast().withPageSize(2));
        List<JsonNode> groups = c.service("network", "RegionOne").list("/v2.0/security-groups", "security_groups");
        assertThat(groups).hasSize(9);
        assertThat(fake.requests().stream().filter(l -> l.equals("GET /network/RegionOne/v2.0/security-groups")).count()).isEqualTo(5);
        assertThat(c.service("compute", "RegionOne").list("/servers/detail", "servers")).hasSize(4);
        FakeOpenStack.Region r = fake.region("RegionOne");
        for (int i = 0; i < 5; i++) {
            r.images().put("img-" + i, (com.fasterxml.jackson.databind.node.ObjectNode) FakeOpenStack.fixture("glance-image.json").put("id", "img-" + i));
        }
        assertThat(c.service("image", "RegionOne").list("/v2/images", "images")).hasSize(5);
    }

    @Test
    void novaMicroversionIsNegotiatedOnceAndSentInBothHeaders() {
        OpenStackClient c = client(fast());
        OpenStackClient.Service nova = c.service("compute", "RegionOne");
        assertThat(nova.microversion()).contains(Microversion.parse(FakeOpenStack.NOVA_MAX));
        OpenStackClient.Response r = nova.call("GET", "/servers/" + RiskyProject.WEB, null);
        assertThat(r.headers().firstValue("OpenStack-API-Version")).contains("compute " + FakeOpenStack.NOVA_MAX);
        assertThat(r.headers().firstValue("X-OpenStack-Nova-API-Version")).contains(FakeOpenStack.NOVA_MAX);
        nova.call("GET", "/servers/" + RiskyProject.DB, null);
        assertThat(count("GET /compute/RegionOne/v2.1/")).isEqualTo(1);
    }

    @Test
    void endpointsComeFromTheCatalogByAliasInterfaceAndRegion() {
        OpenStackClient c = client(fast());
        assertThat(c.regions()).containsExactly("RegionOne", "RegionTwo");
        assertThat(c.service("volume", "RegionTwo").url("/snapshots"))
                .endsWith("/volume/RegionTwo/v3/" + FakeOpenStack.PROJECT_ID + "/snapshots");
        assertThat(c.service("block-storage", "RegionOne").url("/x")).contains("/volume/RegionOne/");
        assertThat(new OpenStackClient(password("RegionTwo"), fast()).regions()).containsExactly("RegionTwo");
        assertThatThrownBy(() -> new OpenStackClient(password("Mars"), fast()).regions())
                .isInstanceOf(CredentialError.class).hasMessageContaining("region 'Mars'").hasMessageContaining("RegionOne, RegionTwo");
    }

    @Test
    void theClientSideRateLimitSpacesRequests() {
        OpenStackClient c = client(fast().withRate(20, 1));
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            c.service("network", "RegionOne").get("/v2.0/security-groups/g-db");
        }
        // the login and the first call use the burst, the rest wait 50 ms each
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void secretsNeverShowInToStringOrErrors() {
        Credentials cr = password(null);
        OpenStackClient c = new OpenStackClient(cr, fast());
        Token t = c.token();
        assertThat(cr.toString()).doesNotContain(FakeOpenStack.PASSWORD).contains("******");
        assertThat(t.toString()).doesNotContain(t.value().reveal());
        fake.fail("GET /network/RegionOne/v2.0/security-groups/g-db", 1, 409, Map.of());
        ApiError e = org.junit.jupiter.api.Assertions.assertThrows(ApiError.class,
                () -> c.service("network", "RegionOne").get("/v2.0/security-groups/g-db"));
        assertThat(e.getMessage()).doesNotContain(t.value().reveal()).doesNotContain(FakeOpenStack.PASSWORD)
                .contains("request req-");
        Credentials wrong = new CloudConfig(Map.of("OS_AUTH_URL", fake.authUrl(), "OS_APPLICATION_CREDENTIAL_ID",
                FakeOpenStack.APP_CRED_ID, "OS_APPLICATION_CREDENTIAL_SECRET", "not-the-Secret-42"),
                java.nio.file.Path.of("/x"), java.nio.file.Path.of("/x")).resolve(null, null);
        assertThatThrownBy(() -> new OpenStackClient(wrong, fast()).token()).isInstanceOf(CredentialError.class)
                .hasMessageContaining("application credential").hasMessageNotContaining("not-the-Secret-42");
        assertThat(wrong.toString()).doesNotContain("not-the-Secret-42");
    }

    @Test
    void applicationCredentialsLogIn() {
        Credentials ac = new CloudConfig(Map.of("OS_AUTH_URL", fake.authUrl(), "OS_AUTH_TYPE", "v3applicationcredential",
                "OS_APPLICATION_CREDENTIAL_ID", FakeOpenStack.APP_CRED_ID,
                "OS_APPLICATION_CREDENTIAL_SECRET", FakeOpenStack.APP_CRED_SECRET),
                java.nio.file.Path.of("/x"), java.nio.file.Path.of("/x")).resolve(null, null);
        Token t = new OpenStackClient(ac, fast()).token();
        assertThat(t.projectId()).isEqualTo(FakeOpenStack.PROJECT_ID);
        assertThat(t.catalog().regions("compute", "public")).containsExactly("RegionOne", "RegionTwo");
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        assertThat(OpenStackClient.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(OpenStackClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(OpenStackClient.parseRetryAfter("soon")).isEmpty();
    }

    @Test
    void aNextLinkKeepsItsPathAndQueryButUsesTheEndpointsHost() {
        assertThat(OpenStackClient.Service.rebase("https://cloud.example:8774/v2.1", "http://internal:8774/v2.1/servers/detail?marker=x"))
                .isEqualTo("https://cloud.example:8774/v2.1/servers/detail?marker=x");
        assertThat(OpenStackClient.Service.rebase("https://cloud.example/image", "/v2/images?marker=y"))
                .isEqualTo("https://cloud.example/image/v2/images?marker=y");
    }

    /**
     * A server that closes a kept-alive connection when the next request comes (as an HTTP/1.0
     * server or an idle timeout does): the request goes again on a new connection, once.
     */
    @Test
    void aConnectionClosedBeforeAnyResponseIsRetriedOnceOnANewOne() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread t = Thread.ofPlatform().daemon().start(() -> {
                try (java.net.Socket first = server.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(first.getInputStream()));
                    var out = first.getOutputStream();
                    seen.add("conn1 " + request(in));
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                    seen.add("conn1 " + request(in)); // read, then hang up without a byte
                } catch (IOException e) {
                    seen.add("server: " + e);
                }
                try (java.net.Socket second = server.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(second.getInputStream()));
                    seen.add("conn2 " + request(in));
                    second.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    seen.add("server: " + e);
                }
            });
            OpenStackClient c = client(fast());
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/v3/x";
            assertThat(c.exchange("GET", url, null, java.util.Optional.empty(), false).status()).isEqualTo(200);
            assertThat(c.exchange("POST", url, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                    java.util.Optional.empty(), false).status())
                    .isEqualTo(200);
            t.join(10_000);
            assertThat(seen).containsExactly("conn1 GET /v3/x HTTP/1.1", "conn1 POST /v3/x HTTP/1.1",
                    "conn2 POST /v3/x HTTP/1.1");
        }
    }

    /** The request line; the headers and a Content-Length body are read and dropped. */
    private static String request(java.io.BufferedReader in) throws IOException {
        String line = in.readLine();
        int length = 0;
        for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) {
            if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).strip());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
        return line;
    }
}
