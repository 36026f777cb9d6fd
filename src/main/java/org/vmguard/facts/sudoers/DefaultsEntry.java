package org.vmguard.facts.sudoers;

import java.util.List;

/**
 * A {@code Defaults} line. Its settings do not change who may run what, so rules ignore them;
 * they are kept for the checks that care (authenticate).
 *
 * @param binding "" for global, or ":", "@", ">", "!" (per user, host, run-as user, command)
 * @param bound the users, hosts, run-as users or commands it is bound to
 * @param settings the settings as written, e.g. "!authenticate", "env_keep += \"A B\""
 */
public record DefaultsEntry(String binding, List<Member> bound, List<String> settings, String file, int line,
        String text) {

    public DefaultsEntry {
        bound = List.copyOf(bound);
        settings = List.copyOf(settings);
    }
}
