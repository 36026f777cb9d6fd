package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin OpenStack client on java.net.http: one Keystone token shared by every thread and renewed
 * before it expires (or once on a 401), endpoints from the token's catalog, Nova microversions
 * negotiated per endpoint, list calls that follow {@code next} links, Retry-After and jittered
 * exponential back-off on 429/503, a client-side rate limit and a bound on requests in flight.
 * Every call's {@code x-openstack-request-id} is logged at debug level.
 */
public final class OpenStackClient {

    private static final Logger LOG = LoggerFactory.getLogger(OpenStackClient.class);
    static final ObjectMapper JSON = new ObjectMapper();
    /** The highest Nova microversion whose answers this client understands. */
    public static final Microversion NOVA_MAX = new Microversion(2, 96);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Credentials credentials;
    private final ClientOptions options;
    private final HttpClient http;
    private final Supplier<Token> login;
    private final RateLimit rateLimit;
    private final Semaphore inFlight;
    private final Map<String, Optional<Microversion>> microversions = new ConcurrentHashMap<>();
    private final Object tokenLock = new Object();
    private volatile Token token;
    /** When the current token is renewed: renewBefore ahead of its expiry, or halfway for a short-lived token. */
    private volatile Instant renewAt = Instant.MIN;

    public OpenStackClient(Credentials credentials, ClientOptions options) {
        this.credentials = credentials;
        this.options = options;
        // no redirects: a redirect to another host would carry the token there
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER).build();
        Keystone keystone = new Keystone(http, credentials, options.timeout());
        this.login = keystone::authenticate;
        this.rateLimit = new RateLimit(options.requestsPerSecond(), options.burst());
        this.inFlight = new Semaphore(Math.max(1, options.concurrency()));
    }

    public Credentials credentials() {
        return credentials;
    }

    public ClientOptions options() {
        return options;
    }

    /** A valid token: the cached one, or a new one when it is about to expire. Safe across threads. */
    public Token token() {
        Token t = token;
        if (t != null && Instant.now().isBefore(renewAt)) {
            return t;
        }
        synchronized (tokenLock) {
            t = token;
            if (t == null || !Instant.now().isBefore(renewAt)) {
                Instant now = Instant.now();
                t = login.get();
                Duration life = Duration.between(now, t.expiresAt());
                Duration margin = options.renewBefore().compareTo(life.dividedBy(2)) < 0 ? options.renewBefore() : life.dividedBy(2);
                renewAt = t.expiresAt().minus(margin);
                token = t;
            }
            return t;
        }
    }

    /** Forgets a token the cloud refused, unless another thread has already replaced it. */
    private void invalidate(Token refused) {
        synchronized (tokenLock) {
            if (token == refused) {
                token = null;
            }
        }
    }

    /** The regions to audit: the one asked for, or every region with a compute or network endpoint. */
    public List<String> regions() {
        Catalog c = token().catalog();
        if (credentials.region() != null) {
            if (c.url("compute", credentials.interfaceName(), credentials.region()).isEmpty()
                    && c.url("network", credentials.interfaceName(), credentials.region()).isEmpty()) {
                throw new CredentialError(credentials.source() + ": region '" + credentials.region()
                        + "' has no compute or network endpoint in the catalog (regions: "
                        + String.join(", ", c.regions("compute", credentials.interfaceName())) + ")");
            }
            return List.of(credentials.region());
        }
        var out = new java.util.LinkedHashSet<String>(c.regions("compute", credentials.interfaceName()));
        out.addAll(c.regions("network", credentials.interfaceName()));
        return List.copyOf(out);
    }

    /** The API of one service type (any alias) in one region. */
    public Service service(String type, String region) {
        return new Service(this, Catalog.canonical(type), region);
    }

    String endpoint(String type, String region) {
        return token().catalog().url(type, credentials.interfaceName(), region).orElseThrow(() -> new ApiError("GET",
                type + " in region " + region, 0, "the catalog has no " + credentials.interfaceName() + " endpoint of type "
                        + type + (region == null ? "" : " in region " + region), null));
    }

    /** The Nova microversion to use on this compute endpoint: min(server's max, ours); empty if none. */
    Optional<Microversion> microversion(String endpoint) {
        return microversions.computeIfAbsent(endpoint, e -> {
            Response r = exchange("GET", stripProject(e), null, Optional.empty(), true);
            JsonNode v = r.json().path("version");
            String max = v.path("version").asText("");
            if (r.status() != 200 || max.isEmpty()) {
                LOG.debug("compute endpoint {} offers no microversions", e);
                return Optional.empty();
            }
            Microversion offered = Microversion.parse(max);
            Microversion chosen = offered.compareTo(NOVA_MAX) < 0 ? offered : NOVA_MAX;
            LOG.debug("compute endpoint {}: microversion {} (server max {})", e, chosen, offered);
            return Optional.of(chosen);
        });
    }

    /** Nova's version document lives at /v2.1, not under /v2.1/{project_id}. */
    private String stripProject(String endpoint) {
        String e = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        String last = e.substring(e.lastIndexOf('/') + 1);
        if (last.matches("[0-9a-fA-F-]{32,36}")) {
            e = e.substring(0, e.lastIndexOf('/'));
        }
        return e + "/";
    }

    /**
     * One call, with the token, retries on 429/503 (and 413 with Retry-After), and one renewal on
     * a 401. Statuses ≥ 400 are returned, not thrown, so callers can judge a 404 or a 409.
     */
    Response exchange(String method, String url, JsonNode body, Optional<Microversion> mv, boolean withToken) {
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            Token t = withToken ? token() : null;
            Response r = once(method, url, body, mv, t);
            if (r.status() == 401 && withToken && !renewed) {
                LOG.debug("{} {}: 401, renewing the token and trying once more", method, url);
                invalidate(t);
                renewed = true;
                attempt--;
                continue;
            }
            boolean throttled = r.status() == 429 || r.status() == 503
                    || (r.status() == 413 && r.headers().firstValue("Retry-After").isPresent());
            if (!throttled || attempt >= options.maxAttempts()) {
                return r;
            }
            Duration wait = delay(attempt, r.headers().firstValue("Retry-After"));
            LOG.debug("{} {}: HTTP {}, waiting {} ms (attempt {} of {})", method, url, r.status(), wait.toMillis(),
                    attempt, options.maxAttempts());
            sleep(wait);
        }
    }

    /** Retry-After when given (seconds or an HTTP date), else base·2^(n-1) with full jitter; never above maxDelay. */
    Duration delay(int attempt, Optional<String> retryAfter) {
        Duration d = retryAfter.flatMap(OpenStackClient::parseRetryAfter).orElseGet(() -> {
            long cap = options.baseDelay().toMillis() << Math.min(attempt - 1, 20);
            return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        });
        return d.compareTo(options.maxDelay()) > 0 ? options.maxDelay() : d;
    }

    static Optional<Duration> parseRetryAfter(String v) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    private Response once(String method, String url, JsonNode body, Optional<Microversion> mv, Token t) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(options.timeout())
                .header("Accept", "application/json").header("User-Agent", "vmguard");
        if (t != null) {
            b.header("X-Auth-Token", t.value().reveal());
        }
        mv.ifPresent(v -> b.header("OpenStack-API-Version", "compute " + v).header("X-OpenStack-Nova-API-Version", v.toString()));
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> sent;
        try {
            inFlight.acquire();
            try {
                rateLimit.acquire();
                HttpRequest req = b.build();
                try {
                    sent = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException e) {
                    if (!staleConnection(e)) {
                        throw e;
                    }
                    // the pooled connection had been closed by the server (an HTTP/1.0 server, an
                    // idle timeout): not one byte came back, so the request is sent once more on a
                    // new connection
                    LOG.debug("{} {}: the connection was closed before any response ({}); sending again", method, url,
                            e.getMessage());
                    sent = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                }
            } finally {
                inFlight.release();
            }
        } catch (IOException e) {
            throw new ApiError(method, url, 0, "cannot reach the service: " + ApiError.reason(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(method, url, 0, "interrupted", null);
        }
        HttpResponse<byte[]> resp = sent;
        String rid = resp.headers().firstValue("x-openstack-request-id")
                .or(() -> resp.headers().firstValue("x-compute-request-id")).orElse(null);
        LOG.debug("{} {} -> {} in {} ms, request id {}", method, url, resp.statusCode(),
                (System.nanoTime() - t0) / 1_000_000, rid);
        return new Response(method, url, resp.statusCode(), resp.headers(), resp.body(), rid);
    }

    /** The JDK client's words for a connection that ended before the first byte of a response. */
    static boolean staleConnection(IOException e) {
        String m = e.getMessage();
        return m != null && m.contains("received no bytes");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("WAIT", "", 0, "interrupted", null);
        }
    }

    static boolean mutating(String method) {
        return MUTATING.contains(method);
    }

    /** The service's own words from an error body (Nova, Neutron, Keystone, Cinder or Glance shapes). */
    static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode n = JSON.readTree(body);
            if (n.has("NeutronError")) {
                return n.path("NeutronError").path("message").asText();
            }
            if (n.has("error") && n.path("error").has("message")) {
                return n.path("error").path("message").asText();
            }
            Iterator<JsonNode> it = n.elements();
            if (it.hasNext()) {
                JsonNode first = it.next();
                if (first.has("message")) {
                    return first.path("message").asText();
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the text
        }
        String s = body.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** One HTTP answer. */
    public record Response(String method, String url, int status, HttpHeaders headers, byte[] body, String requestId) {

        /** The body as text, for messages. */
        public String text() {
            return body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            if (body == null || body.length == 0) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new ApiError(method, url, status, "the answer is not JSON", requestId);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** This answer if it succeeded, else the error it carries. */
        public Response orThrow() {
            if (!ok()) {
                throw new ApiError(method, url, status, message(text()), requestId);
            }
            return this;
        }
    }

    /** The API of one service in one region: paths are relative to its catalog endpoint. */
    public static final class Service {
        private final OpenStackClient client;
        private final String type;
        private final String region;

        Service(OpenStackClient client, String type, String region) {
            this.client = client;
            this.type = type;
            this.region = region;
        }

        public String region() {
            return region;
        }

        public String url(String path) {
            String e = client.endpoint(type, region);
            e = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
            // a network endpoint registered with its version: do not say /v2.0 twice
            if (e.endsWith("/v2.0") && path.startsWith("/v2.0/")) {
                path = path.substring(5);
            }
            return e + path;
        }

        /** The compute microversion in use, empty when the service has none (or is not compute). */
        public Optional<Microversion> microversion() {
            return type.equals("compute") ? client.microversion(client.endpoint(type, region)) : Optional.empty();
        }

        public Response call(String method, String path, JsonNode body) {
            return client.exchange(method, url(path), body, microversion(), true);
        }

        public JsonNode get(String path) {
            return call("GET", path, null).orThrow().json();
        }

        /** Every item of a collection, following next links page by page. */
        public List<JsonNode> list(String path, String key) {
            String e = client.endpoint(type, region);
            String url = url(path) + (path.contains("?") ? "&" : "?") + "limit=" + client.options.pageSize();
            List<JsonNode> items = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            while (url != null && seen.add(url)) {
                JsonNode page = client.exchange("GET", url, null, microversion(), true).orThrow().json();
                page.path(key).forEach(items::add);
                url = next(page, key).map(h -> rebase(e, h)).orElse(null);
            }
            return items;
        }

        private static Optional<String> next(JsonNode page, String key) {
            for (JsonNode l : page.path(key + "_links")) {
                if ("next".equals(l.path("rel").asText())) {
                    return Optional.of(l.path("href").asText());
                }
            }
            if (page.hasNonNull("next")) { // Glance: a path relative to the endpoint
                return Optional.of(page.path("next").asText());
            }
            return Optional.empty();
        }

        /** A next link's path and query on the endpoint's scheme and authority (proxies rewrite hosts). */
        static String rebase(String endpoint, String href) {
            URI base = URI.create(endpoint);
            URI h = URI.create(href);
            String path = h.getRawPath();
            if (h.getScheme() == null) {
                // Glance's next is relative to the endpoint, which may sit under a path prefix
                String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
                path = prefix + path;
            }
            String pathAndQuery = path + (h.getRawQuery() == null ? "" : "?" + h.getRawQuery());
            return base.getScheme() + "://" + base.getRawAuthority() + pathAndQuery;
        }
    }
}
