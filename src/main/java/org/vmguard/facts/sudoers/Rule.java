package org.vmguard.facts.sudoers;

import java.util.List;
import org.vmguard.core.Evidence;

/** A user specification: who, and the privileges granted, with the file and line it came from. */
public record Rule(List<Member> users, List<Privilege> privileges, String file, int line, String text) {

    public Rule {
        users = List.copyOf(users);
        privileges = List.copyOf(privileges);
    }

    public Evidence evidence() {
        return Evidence.at(file, line, text);
    }
}
