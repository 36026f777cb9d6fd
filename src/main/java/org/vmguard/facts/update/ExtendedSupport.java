package org.vmguard.facts.update;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;

/**
 * Paid extended security support the host shows it has: Ubuntu Pro attached with esm-infra
 * enabled (/var/lib/ubuntu-advantage/status.json, written by the `pro` client), an enabled RHEL
 * ELS repository in /etc/yum.repos.d/redhat.repo (written by subscription-manager), or Freexian's
 * extended-LTS archive in APT's sources.
 *
 * @param active true when one of them is in place; {@code evidence} says which
 */
public record ExtendedSupport(boolean active, String what, List<Evidence> evidence) {

    public static final FactKey<ExtendedSupport> KEY = FactKey.of("extended-support", ExtendedSupport::load);
    public static final String UBUNTU_PRO = "/var/lib/ubuntu-advantage/status.json";
    public static final String REDHAT_REPO = "/etc/yum.repos.d/redhat.repo";
    private static final ObjectMapper JSON = new ObjectMapper();

    static ExtendedSupport load(Host host) {
        Optional<String> pro = host.text(UBUNTU_PRO);
        if (pro.isPresent()) {
            ExtendedSupport s = ubuntuPro(UBUNTU_PRO, pro.get());
            if (s.active()) {
                return s;
            }
        }
        Optional<String> repo = host.text(REDHAT_REPO);
        if (repo.isPresent()) {
            ExtendedSupport s = rhelEls(REDHAT_REPO, repo.get());
            if (s.active()) {
                return s;
            }
        }
        List<String> sources = new ArrayList<>(List.of("/etc/apt/sources.list"));
        for (String n : host.list("/etc/apt/sources.list.d")) {
            if (n.endsWith(".list") || n.endsWith(".sources")) {
                sources.add("/etc/apt/sources.list.d/" + n);
            }
        }
        for (String p : sources) {
            Optional<String> t = host.text(p);
            if (t.isPresent()) {
                String[] lines = t.get().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String l = lines[i].strip();
                    if (!l.startsWith("#") && l.contains("deb.freexian.com/extended-lts")) {
                        return new ExtendedSupport(true, "Freexian ELTS", List.of(Evidence.at(p, i + 1, l)));
                    }
                }
            }
        }
        String why = pro.isPresent() ? UBUNTU_PRO + " shows no attached subscription with esm-infra enabled"
                : "no Ubuntu Pro status, RHEL ELS repository or Freexian ELTS source found";
        return new ExtendedSupport(false, "", List.of(Evidence.note(why)));
    }

    /** The pro client's status file: {"attached": true, "services": [{"name": "esm-infra", "status": "enabled"}]}. */
    public static ExtendedSupport ubuntuPro(String path, String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson also counts a lone \r as a line break; count lines the way the rest of vmguard does
            long offset = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
            int line = offset < 0 ? 0 : (int) json.substring(0, (int) Math.min(offset, json.length())).chars()
                    .filter(c -> c == '\n').count() + 1;
            throw new ParseError(path, line, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ParseError(path, 1, "expected a JSON object");
        }
        boolean attached = root.path("attached").asBoolean(false);
        boolean infra = false;
        for (JsonNode s : root.path("services")) {
            if ("esm-infra".equals(s.path("name").asText()) && "enabled".equals(s.path("status").asText())) {
                infra = true;
            }
        }
        String seen = "attached: " + attached + ", esm-infra " + (infra ? "enabled" : "not enabled");
        return new ExtendedSupport(attached && infra, attached && infra ? "Ubuntu Pro (esm-infra)" : "",
                List.of(Evidence.file(path, seen)));
    }

    /** redhat.repo: an INI file of repositories; ELS repositories carry "-els-" in their id. */
    public static ExtendedSupport rhelEls(String path, String text) {
        String section = null;
        int sectionLine = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("[") && l.endsWith("]")) {
                section = l.substring(1, l.length() - 1);
                sectionLine = i + 1;
                continue;
            }
            String lower = l.toLowerCase(Locale.ROOT).replace(" ", "");
            if (section != null && section.contains("-els-") && (lower.equals("enabled=1") || lower.equals("enabled=true"))) {
                return new ExtendedSupport(true, "RHEL ELS", List.of(Evidence.at(path, sectionLine, "[" + section + "]"),
                        Evidence.at(path, i + 1, l)));
            }
        }
        return new ExtendedSupport(false, "", List.of(Evidence.file(path, "no enabled ELS repository")));
    }
}
