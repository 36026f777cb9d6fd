package org.vmguard.facts.sudoers;

import java.util.List;
import java.util.Set;

/**
 * One command of a privilege with what it inherited from the commands before it in the same
 * list: the Runas_Spec and the tags (sudoers(5): "once a tag is set on a Cmnd, subsequent Cmnds
 * in the Cmnd_Spec_List inherit the tag unless it is overridden by the opposite tag").
 *
 * @param runasUsers null when no Runas_Spec applies (then sudo runs as root, runas_default)
 * @param runasGroups null when none was given
 * @param tags the effective tags, e.g. NOPASSWD, NOEXEC (one of each opposite pair at most)
 */
public record CmndSpec(List<Member> runasUsers, List<Member> runasGroups, Set<String> tags, Command command) {

    public CmndSpec {
        runasUsers = runasUsers == null ? null : List.copyOf(runasUsers);
        runasGroups = runasGroups == null ? null : List.copyOf(runasGroups);
        tags = Set.copyOf(tags);
    }

    public boolean nopasswd() {
        return tags.contains("NOPASSWD");
    }
}
