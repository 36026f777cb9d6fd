package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Host;

/**
 * cloud-init's {@code ssh_pwauth}, as its set_passwords module reads it: the merged value of
 * /etc/cloud/cloud.cfg and /etc/cloud/cloud.cfg.d/*.cfg (later files win). True makes cloud-init
 * write {@code PasswordAuthentication yes} at boot, false {@code no}; absent or "unchanged"
 * leaves sshd_config alone. Only top-level block keys are read (user-data is not on disk).
 *
 * @param value "yes", "no", or null when cloud-init leaves sshd alone
 * @param source the line that set it (null when nothing did)
 */
public record CloudInitPwauth(boolean installed, String value, Evidence source) {

    public static final String MAIN = "/etc/cloud/cloud.cfg";
    public static final String DROP_INS = "/etc/cloud/cloud.cfg.d";

    static CloudInitPwauth load(Host host) {
        Optional<String> main = host.text(MAIN);
        if (main.isEmpty() || host.stat("/etc/cloud/cloud-init.disabled").isPresent()) {
            return new CloudInitPwauth(false, null, null);
        }
        List<String> files = new ArrayList<>();
        files.add(MAIN);
        for (String n : host.list(DROP_INS)) {
            if (n.endsWith(".cfg")) {
                files.add(DROP_INS + "/" + n);
            }
        }
        Evidence last = null;
        String raw = null;
        for (String f : files) {
            String text = f.equals(MAIN) ? main.get() : host.text(f).orElse("");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (!l.startsWith("ssh_pwauth")) {
                    continue;
                }
                String rest = l.substring("ssh_pwauth".length()).stripLeading();
                if (!rest.startsWith(":")) {
                    continue;
                }
                String v = rest.substring(1);
                int hash = v.indexOf(" #");
                if (hash >= 0) {
                    v = v.substring(0, hash);
                }
                v = v.strip();
                if (v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) && v.endsWith(v.substring(0, 1))) {
                    v = v.substring(1, v.length() - 1);
                }
                raw = v;
                last = Evidence.at(f, i + 1, l.strip());
            }
        }
        return new CloudInitPwauth(true, meaning(raw), last);
    }

    /** util.is_true / util.is_false of cloud-init. */
    static String meaning(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> "yes";
            case "false", "0", "off", "no" -> "no";
            default -> null;
        };
    }

    /**
     * sshd_config as cloud-init's update_ssh_config leaves it: when the main file has
     * {@code Include /etc/ssh/sshd_config.d/*.conf} it edits sshd_config.d/50-cloud-init.conf,
     * else the main file; every PasswordAuthentication line gets the value, and the line is
     * appended when there is none.
     *
     * @return the path edited and its new text
     */
    static Edit edit(String mainPath, String mainText, Optional<String> dropIn, String value) {
        String target = mainPath;
        String text = mainText;
        for (String l : mainText.split("\n", -1)) {
            if (l.startsWith("Include " + mainPath + ".d/*.conf")) {
                target = mainPath + ".d/50-cloud-init.conf";
                text = dropIn.orElse("");
                break;
            }
        }
        List<String> out = new ArrayList<>();
        boolean found = false;
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String l : body.isEmpty() ? new String[0] : body.split("\n", -1)) {
            String s = l.strip();
            String key = s.split("[\\s=]", 2)[0];
            if (!s.isEmpty() && !s.startsWith("#") && key.equalsIgnoreCase("PasswordAuthentication")) {
                out.add(key + " " + value);
                found = true;
            } else {
                out.add(l);
            }
        }
        if (!found) {
            out.add("PasswordAuthentication " + value);
        }
        return new Edit(target, String.join("\n", out) + "\n");
    }

    record Edit(String path, String text) {
    }
}
