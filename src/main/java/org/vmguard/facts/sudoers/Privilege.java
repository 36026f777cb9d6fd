package org.vmguard.facts.sudoers;

import java.util.List;

/** {@code Host_List = Cmnd_Spec_List}: one part of a user specification. */
public record Privilege(List<Member> hosts, List<CmndSpec> commands) {

    public Privilege {
        hosts = List.copyOf(hosts);
        commands = List.copyOf(commands);
    }
}
