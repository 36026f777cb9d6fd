package org.vmguard.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;

/**
 * The keys in each account's ~/.ssh/authorized_keys (and authorized_keys2), OpenSSH's default
 * AuthorizedKeysFile. A file that cannot be read is kept as a problem beside the others, so one
 * unreadable home does not hide the rest.
 *
 * @param keys per account name, the key lines found (file, line, the key type and comment)
 * @param unreadable per account name, what could not be read and why
 */
public record AuthorizedKeys(Map<String, List<Evidence>> keys, Map<String, String> unreadable) {

    public static final FactKey<AuthorizedKeys> KEY = FactKey.of("authorized_keys", AuthorizedKeys::load);
    static final List<String> FILES = List.of(".ssh/authorized_keys", ".ssh/authorized_keys2");

    public AuthorizedKeys {
        keys = Map.copyOf(keys);
        unreadable = Map.copyOf(unreadable);
    }

    static AuthorizedKeys load(Host host) {
        Passwd passwd = host.fact(Passwd.KEY);
        Map<String, List<Evidence>> keys = new LinkedHashMap<>();
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (Passwd.Entry e : passwd.entries()) {
            if (e.home().isEmpty() || !e.home().startsWith("/")) {
                continue;
            }
            List<Evidence> found = new ArrayList<>();
            for (String f : FILES) {
                String path = (e.home().endsWith("/") ? e.home() : e.home() + "/") + f;
                try {
                    Optional<String> text = host.text(path);
                    text.ifPresent(t -> found.addAll(parse(path, t)));
                } catch (FactException ex) {
                    unreadable.putIfAbsent(e.name(), ex.getMessage());
                }
            }
            if (!found.isEmpty()) {
                keys.put(e.name(), List.copyOf(found));
            }
        }
        return new AuthorizedKeys(keys, unreadable);
    }

    /** The key lines of one file: neither blank nor comments. The key material itself is left out. */
    public static List<Evidence> parse(String path, String text) {
        List<Evidence> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(Evidence.at(path, i + 1, summary(line)));
        }
        return out;
    }

    /** "ssh-ed25519 … alice@laptop": options and type, the comment, never the base64 body. */
    static String summary(String line) {
        String[] words = line.split("\\s+");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.length() > 60 && w.matches("[A-Za-z0-9+/=]+")) {
                b.append(" …");
                for (int j = i + 1; j < words.length; j++) {
                    b.append(' ').append(words[j]);
                }
                return Passwd.clip(b.toString().strip());
            }
            b.append(i == 0 ? "" : " ").append(w);
        }
        return Passwd.clip(b.toString());
    }

    public List<Evidence> of(String account) {
        return keys.getOrDefault(account, List.of());
    }
}
