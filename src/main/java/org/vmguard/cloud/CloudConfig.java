package org.vmguard.cloud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vmguard.cloud.Credentials.AuthType;

/**
 * Finds credentials the way the {@code openstack} CLI does: a named cloud ({@code --os-cloud} or
 * OS_CLOUD) from the first clouds.yaml of its search path (OS_CLIENT_CONFIG_FILE, ./clouds.yaml,
 * ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml) with secure.yaml merged over it, or
 * else the OS_* variables of an openrc file. {@code --os-region} / OS_REGION_NAME override the
 * region.
 *
 * @param env the process environment (a map, so tests need not change the real one)
 */
public record CloudConfig(Map<String, String> env, Path cwd, Path home) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static CloudConfig ofProcess() {
        return new CloudConfig(System.getenv(), Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
    }

    /**
     * @param cloudOption --os-cloud, or null
     * @param regionOption --os-region, or null
     */
    public Credentials resolve(String cloudOption, String regionOption) {
        String cloud = cloudOption != null ? cloudOption : env("OS_CLOUD");
        Credentials c;
        if (cloud != null) {
            c = fromCloudsYaml(cloud, cloudOption != null ? "--os-cloud" : "OS_CLOUD");
        } else if (env("OS_AUTH_URL") != null || env("OS_USERNAME") != null
                || env("OS_APPLICATION_CREDENTIAL_ID") != null) {
            c = fromEnvironment();
        } else {
            throw new CredentialError("no OpenStack credentials: give --os-cloud NAME (or set OS_CLOUD) for a cloud of "
                    + "clouds.yaml (searched: " + String.join(", ", cloudsYamlPath().stream().map(Path::toString).toList())
                    + "), or source the project's openrc file (OS_AUTH_URL, OS_USERNAME, …)");
        }
        // as the CLI: --os-region, then OS_REGION_NAME, then the cloud's region_name
        String region = regionOption != null ? regionOption : env("OS_REGION_NAME") != null ? env("OS_REGION_NAME") : c.region();
        return c.withRegion(region == null || region.isBlank() ? null : region);
    }

    List<Path> cloudsYamlPath() {
        return searchPath("clouds.yaml", "OS_CLIENT_CONFIG_FILE");
    }

    private List<Path> searchPath(String file, String override) {
        List<Path> out = new ArrayList<>();
        if (env(override) != null) {
            out.add(Path.of(env(override)));
        }
        out.add(cwd.resolve(file));
        out.add(home.resolve(".config/openstack").resolve(file));
        out.add(Path.of("/etc/openstack").resolve(file));
        return out;
    }

    private Credentials fromCloudsYaml(String cloud, String how) {
        Optional<Path> clouds = cloudsYamlPath().stream().filter(Files::isRegularFile).findFirst();
        if (clouds.isEmpty()) {
            throw new CredentialError(how + " " + cloud + ": no clouds.yaml found (searched: "
                    + String.join(", ", cloudsYamlPath().stream().map(Path::toString).toList()) + ")");
        }
        JsonNode doc = readYaml(clouds.get());
        JsonNode entry = doc.path("clouds").path(cloud);
        if (!entry.isObject()) {
            List<String> names = new ArrayList<>();
            doc.path("clouds").fieldNames().forEachRemaining(names::add);
            throw new CredentialError(how + " " + cloud + ": no cloud '" + cloud + "' in " + clouds.get()
                    + (names.isEmpty() ? " (it defines no clouds)" : " (it has: " + String.join(", ", names) + ")"));
        }
        ObjectNode merged = entry.deepCopy();
        String where = "cloud '" + cloud + "' in " + clouds.get();
        Optional<Path> secure = searchPath("secure.yaml", "OS_CLIENT_SECURE_FILE").stream()
                .filter(Files::isRegularFile).findFirst();
        if (secure.isPresent()) {
            JsonNode s = readYaml(secure.get()).path("clouds").path(cloud);
            if (s.isObject()) {
                merge(merged, s);
                where += " (+ " + secure.get() + ")";
            }
        }
        JsonNode auth = merged.path("auth");
        // a value of the wrong shape would otherwise be reported as missing
        if (!auth.isMissingNode() && !auth.isObject()) {
            throw new CredentialError(where + ": auth is " + shape(auth) + ", not a mapping (auth_url, username, …)");
        }
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) auth::fields) {
            if (e.getValue().isContainerNode()) {
                throw new CredentialError(where + ": auth." + e.getKey() + " is " + shape(e.getValue()) + ", not a single value");
            }
        }
        String version = text(merged, "identity_api_version");
        if (version != null && !version.startsWith("3")) {
            throw new CredentialError(where + ": identity_api_version " + version + " is not supported (Keystone v3 only)");
        }
        AuthType type = authType(text(merged, "auth_type"), auth.has("application_credential_secret")
                || auth.has("application_credential_id"), where + ": auth_type");
        String region = text(merged, "region_name");
        if (region == null && merged.path("regions").isArray() && merged.path("regions").size() == 1) {
            JsonNode r = merged.path("regions").get(0);
            region = r.isObject() ? text(r, "name") : r.asText();
        }
        String iface = text(merged, "interface");
        return new Credentials(where, type, text(auth, "auth_url"), text(auth, "username"), text(auth, "user_id"),
                domain(text(auth, "user_domain_name"), text(auth, "user_domain_id"), text(auth, "domain_name"), text(auth, "username")),
                text(auth, "user_domain_id") != null ? text(auth, "user_domain_id") : text(auth, "domain_id"),
                Secret.of(text(auth, "password")),
                text(auth, "project_name") != null ? text(auth, "project_name") : text(auth, "tenant_name"),
                text(auth, "project_id") != null ? text(auth, "project_id") : text(auth, "tenant_id"),
                domain(text(auth, "project_domain_name"), text(auth, "project_domain_id"), text(auth, "domain_name"),
                        text(auth, "project_name")),
                text(auth, "project_domain_id") != null ? text(auth, "project_domain_id") : text(auth, "domain_id"),
                text(auth, "application_credential_id"), text(auth, "application_credential_name"),
                Secret.of(text(auth, "application_credential_secret")), region,
                normalizeInterface(iface == null ? "public" : iface)).validated("yaml");
    }

    private Credentials fromEnvironment() {
        String where = "OS_* environment variables";
        String version = env("OS_IDENTITY_API_VERSION");
        if (version != null && !version.startsWith("3")) {
            throw new CredentialError(where + ": OS_IDENTITY_API_VERSION=" + version + " is not supported (Keystone v3 only)");
        }
        AuthType type = authType(env("OS_AUTH_TYPE"), env("OS_APPLICATION_CREDENTIAL_ID") != null
                || env("OS_APPLICATION_CREDENTIAL_SECRET") != null, where + ": OS_AUTH_TYPE");
        String iface = env("OS_INTERFACE") != null ? env("OS_INTERFACE") : env("OS_ENDPOINT_TYPE");
        String projectName = env("OS_PROJECT_NAME") != null ? env("OS_PROJECT_NAME") : env("OS_TENANT_NAME");
        return new Credentials(where, type, env("OS_AUTH_URL"), env("OS_USERNAME"), env("OS_USER_ID"),
                domain(env("OS_USER_DOMAIN_NAME"), env("OS_USER_DOMAIN_ID"), env("OS_DEFAULT_DOMAIN"), env("OS_USERNAME")),
                env("OS_USER_DOMAIN_ID"), Secret.of(env("OS_PASSWORD")),
                projectName, env("OS_PROJECT_ID") != null ? env("OS_PROJECT_ID") : env("OS_TENANT_ID"),
                domain(env("OS_PROJECT_DOMAIN_NAME"), env("OS_PROJECT_DOMAIN_ID"), env("OS_DEFAULT_DOMAIN"), projectName),
                env("OS_PROJECT_DOMAIN_ID"), env("OS_APPLICATION_CREDENTIAL_ID"), env("OS_APPLICATION_CREDENTIAL_NAME"),
                Secret.of(env("OS_APPLICATION_CREDENTIAL_SECRET")), null,
                normalizeInterface(iface == null ? "public" : iface)).validated("env");
    }

    /**
     * A domain name for a user or project given by name: the explicit one, else the default
     * domain, else "Default" (the CLI's default domain) — unless a domain id is given instead.
     */
    private static String domain(String name, String id, String fallback, String whose) {
        if (name != null || id != null || whose == null) {
            return name;
        }
        return fallback != null ? fallback : "Default";
    }

    private static AuthType authType(String text, boolean hasAppCred, String where) {
        if (text == null) {
            return hasAppCred ? AuthType.APPLICATION_CREDENTIAL : AuthType.PASSWORD;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "password", "v3password" -> AuthType.PASSWORD;
            case "v3applicationcredential", "applicationcredential", "application_credential" -> AuthType.APPLICATION_CREDENTIAL;
            default -> throw new CredentialError(where + " '" + text + "' is not supported (password, v3applicationcredential)");
        };
    }

    private static String normalizeInterface(String s) {
        String i = s.toLowerCase(Locale.ROOT);
        return i.endsWith("url") ? i.substring(0, i.length() - 3) : i;
    }

    private static JsonNode readYaml(Path p) {
        try {
            JsonNode n = YAML.readTree(Files.readString(p));
            if (n == null || n.isMissingNode() || n.isNull()) {
                return YAML.createObjectNode();
            }
            if (!n.isObject()) {
                throw new CredentialError(p + ": not a YAML mapping");
            }
            return n;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CredentialError(p + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("").strip());
        } catch (IOException e) {
            throw new CredentialError(p + ": cannot read: " + e.getMessage());
        }
    }

    /** secure.yaml's values win, mappings merged key by key, as openstacksdk does. */
    private static void merge(ObjectNode into, JsonNode from) {
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = into.get(e.getKey());
            if (mine instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static String shape(JsonNode n) {
        return n.isArray() ? "a list" : n.isObject() ? "a mapping" : "a single value";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    private String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
