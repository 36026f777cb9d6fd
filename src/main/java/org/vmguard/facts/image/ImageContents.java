package org.vmguard.facts.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.Passwd;

/**
 * What a VM image carries that must not be baked in: authorized keys, SSH host keys, user private
 * keys, shell and database histories; and whether cloud-init can fetch keys from an OpenStack
 * metadata service. Only the home directories of the image's accounts (and /root) are looked at,
 * one level deep, so no large tree is walked.
 */
public record ImageContents(List<Evidence> authorizedKeys, List<Evidence> hostKeys, List<Evidence> privateKeys,
        List<Evidence> histories) {

    public static final FactKey<ImageContents> KEY = FactKey.of("image-contents", ImageContents::load);

    /** A fact of its own: a malformed cloud.cfg must not stop the other image checks. */
    public static final FactKey<CloudInit> CLOUD_INIT = FactKey.of("cloud-init", ImageContents::cloudInit);

    static final List<String> HISTORIES = List.of(".bash_history", ".zsh_history", ".sh_history", ".ash_history",
            ".history", ".mysql_history", ".psql_history", ".sqlite_history", ".python_history",
            ".rediscli_history", ".node_repl_history", ".mongorc_history", ".dbshell", ".lesshst_unused");

    /**
     * @param installed cloud-init's program or configuration exists
     * @param disabled /etc/cloud/cloud-init.disabled (or a kernel command line in the image) turns it off
     * @param datasources the effective datasource_list; empty when unset (cloud-init then tries every datasource)
     * @param datasourcesFrom the line that set it
     */
    public record CloudInit(boolean installed, Optional<Evidence> disabled, List<String> datasources,
            Optional<Evidence> datasourcesFrom) {
    }

    static ImageContents load(Host host) {
        Set<String> homes = new LinkedHashSet<>();
        homes.add("/root");
        Passwd pw = host.fact(Passwd.KEY);
        for (Passwd.Entry e : pw.entries()) {
            if (!e.home().isBlank() && !e.home().equals("/") && e.home().startsWith("/")
                    && !e.home().startsWith("/proc") && !e.home().startsWith("/dev") && !e.home().startsWith("/sys")) {
                homes.add(e.home());
            }
        }
        for (String n : host.list("/home")) {
            homes.add("/home/" + n);
        }
        List<Evidence> auth = new ArrayList<>();
        List<Evidence> priv = new ArrayList<>();
        List<Evidence> hist = new ArrayList<>();
        for (String home : homes) {
            String ssh = home + "/.ssh";
            for (String name : host.list(ssh)) {
                String p = ssh + "/" + name;
                if (host.stat(p).map(s -> !s.isRegularFile()).orElse(true)) {
                    continue;
                }
                if (name.equals("authorized_keys") || name.equals("authorized_keys2")) {
                    int keys = keyLines(host.text(p).orElse(""));
                    if (keys > 0) {
                        auth.add(Evidence.file(p, keys + " key(s)"));
                    }
                } else if (!name.endsWith(".pub") && !name.equals("known_hosts") && !name.equals("config")) {
                    String head = head(host, p);
                    if (privateKey(head)) {
                        priv.add(Evidence.file(p, head.lines().findFirst().orElse("").strip()));
                    }
                }
            }
            for (String h : HISTORIES) {
                String p = home + "/" + h;
                host.stat(p).filter(st -> st.isRegularFile() && st.size() > 0)
                        .ifPresent(s -> hist.add(Evidence.file(p, s.size() + " bytes")));
            }
        }
        List<Evidence> hostKeys = new ArrayList<>();
        for (String name : host.list("/etc/ssh")) {
            if (name.startsWith("ssh_host_") && name.endsWith("_key")) {
                hostKeys.add(Evidence.file("/etc/ssh/" + name, "SSH host private key"));
            }
        }
        return new ImageContents(List.copyOf(auth), List.copyOf(hostKeys), List.copyOf(priv), List.copyOf(hist));
    }

    private static String head(Host host, String path) {
        String t = host.text(path).orElse("");
        return t.length() > 200 ? t.substring(0, 200) : t;
    }

    static boolean privateKey(String head) {
        return head.startsWith("-----BEGIN") && head.contains("PRIVATE KEY-----") || head.startsWith("PuTTY-User-Key-File");
    }

    /** Lines that hold a key: not blank, not a comment. */
    static int keyLines(String text) {
        int n = 0;
        for (String l : text.split("\n")) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                n++;
            }
        }
        return n;
    }

    static CloudInit cloudInit(Host host) {
        boolean installed = host.stat("/usr/bin/cloud-init").isPresent() || host.stat("/etc/cloud/cloud.cfg").isPresent();
        if (!installed) {
            return new CloudInit(false, Optional.empty(), List.of(), Optional.empty());
        }
        Optional<Evidence> disabled = host.stat("/etc/cloud/cloud-init.disabled").isPresent()
                ? Optional.of(Evidence.file("/etc/cloud/cloud-init.disabled", "cloud-init is disabled"))
                : Optional.empty();
        List<String> files = new ArrayList<>();
        files.add("/etc/cloud/cloud.cfg");
        host.list("/etc/cloud/cloud.cfg.d").stream().filter(n -> n.endsWith(".cfg")).sorted()
                .forEach(n -> files.add("/etc/cloud/cloud.cfg.d/" + n));
        List<String> ds = List.of();
        Optional<Evidence> from = Optional.empty();
        for (String f : files) {
            Optional<String> t = host.text(f);
            if (t.isEmpty()) {
                continue;
            }
            Optional<List<String>> list = datasources(f, t.get());
            if (list.isPresent()) {
                ds = list.get();
                from = Optional.of(Evidence.at(f, lineOf(t.get(), "datasource_list"), "datasource_list: " + ds));
            }
        }
        return new CloudInit(true, disabled, ds, from);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The datasource_list of one cloud-config file, if it sets one. */
    public static Optional<List<String>> datasources(String path, String text) {
        JsonNode root;
        org.vmguard.facts.LineLimit.check(path, text);
        try {
            root = YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ParseError(path, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "malformed YAML: "
                    + e.getOriginalMessage());
        } catch (RuntimeException e) {
            throw new ParseError(path, 0, "malformed YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.has("datasource_list")) {
            return Optional.empty();
        }
        JsonNode n = root.get("datasource_list");
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(x -> out.add(x.asText().strip()));
        } else if (n.isTextual()) {
            for (String s : n.asText().replace("[", "").replace("]", "").split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        } else if (!n.isNull()) {
            throw new ParseError(path, lineOf(text, "datasource_list"), "datasource_list is neither a list nor a string");
        }
        return Optional.of(List.copyOf(out));
    }

    private static int lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(key)) {
                return i + 1;
            }
        }
        return 0;
    }
}
