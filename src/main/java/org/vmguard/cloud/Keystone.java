package org.vmguard.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keystone v3 authentication: password or application credential, the token in X-Subject-Token. */
public final class Keystone {

    private static final Logger LOG = LoggerFactory.getLogger(Keystone.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Credentials credentials;
    private final Duration timeout;

    public Keystone(HttpClient http, Credentials credentials, Duration timeout) {
        this.http = http;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    public Credentials credentials() {
        return credentials;
    }

    /** POST /v3/auth/tokens. */
    public Token authenticate() {
        String url = tokensUrl(credentials.authUrl());
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", "vmguard")
                .POST(HttpRequest.BodyPublishers.ofString(body().toString())).build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiError("POST", url, 0, "cannot reach Keystone (auth_url " + credentials.authUrl() + " from "
                    + credentials.source() + "): " + ApiError.reason(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("POST", url, 0, "interrupted", null);
        }
        String requestId = resp.headers().firstValue("x-openstack-request-id").orElse(null);
        LOG.debug("POST {} -> {} ({})", url, resp.statusCode(), requestId);
        if (resp.statusCode() == 404 || resp.statusCode() == 300) {
            throw new CredentialError(credentials.source() + ": auth_url " + credentials.authUrl()
                    + " is not a Keystone v3 endpoint (POST " + url + " answered HTTP " + resp.statusCode() + ")");
        }
        if (resp.statusCode() == 401 || resp.statusCode() == 403) {
            throw new CredentialError(credentials.source() + ": Keystone at " + url + " refused the "
                    + (credentials.authType() == Credentials.AuthType.PASSWORD ? "password" : "application credential")
                    + " login (HTTP " + resp.statusCode() + ": " + OpenStackClient.message(resp.body()) + ")");
        }
        if (resp.statusCode() != 201 && resp.statusCode() != 200) {
            throw new ApiError("POST", url, resp.statusCode(), OpenStackClient.message(resp.body()), requestId);
        }
        String subject = resp.headers().firstValue("X-Subject-Token").orElseThrow(
                () -> new ApiError("POST", url, resp.statusCode(), "no X-Subject-Token header in the answer", requestId));
        JsonNode token;
        try {
            token = JSON.readTree(resp.body()).path("token");
        } catch (IOException e) {
            throw new ApiError("POST", url, resp.statusCode(), "the answer is not JSON", requestId);
        }
        if (!token.has("catalog") || !token.has("project")) {
            throw new CredentialError(credentials.source() + ": the token Keystone issued is not scoped to a project "
                    + "(no catalog): give a project (project_name/OS_PROJECT_NAME or project_id/OS_PROJECT_ID)");
        }
        return new Token(Secret.of(subject), Instant.parse(token.path("expires_at").asText()),
                token.path("project").path("id").asText(), token.path("project").path("name").asText(),
                token.path("user").path("id").asText(), Catalog.parse(token.path("catalog")));
    }

    static String tokensUrl(String authUrl) {
        String u = authUrl.endsWith("/") ? authUrl.substring(0, authUrl.length() - 1) : authUrl;
        if (!u.matches(".*/v3(\\.\\d+)?$")) {
            u = u + "/v3";
        }
        return u + "/auth/tokens";
    }

    private ObjectNode body() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode identity = root.putObject("auth").putObject("identity");
        Credentials c = credentials;
        switch (c.authType()) {
            case PASSWORD -> {
                identity.putArray("methods").add("password");
                ObjectNode user = identity.putObject("password").putObject("user");
                user(user, c);
                user.put("password", c.password().reveal());
                ObjectNode project = ((ObjectNode) root.get("auth")).putObject("scope").putObject("project");
                if (c.projectId() != null) {
                    project.put("id", c.projectId());
                } else {
                    project.put("name", c.projectName());
                    domain(project, c.projectDomainName(), c.projectDomainId());
                }
            }
            case APPLICATION_CREDENTIAL -> {
                identity.putArray("methods").add("application_credential");
                ObjectNode ac = identity.putObject("application_credential");
                if (c.applicationCredentialId() != null) {
                    ac.put("id", c.applicationCredentialId());
                } else {
                    ac.put("name", c.applicationCredentialName());
                    user(ac.putObject("user"), c);
                }
                ac.put("secret", c.applicationCredentialSecret().reveal());
            }
        }
        return root;
    }

    private static void user(ObjectNode user, Credentials c) {
        if (c.userId() != null) {
            user.put("id", c.userId());
        } else {
            user.put("name", c.username());
            domain(user, c.userDomainName(), c.userDomainId());
        }
    }

    private static void domain(ObjectNode o, String name, String id) {
        if (id != null) {
            o.putObject("domain").put("id", id);
        } else if (name != null) {
            o.putObject("domain").put("name", name);
        }
    }
}
