package org.vmguard.facts.sudoers;

import java.util.List;

/**
 * A User_Alias, Runas_Alias, Host_Alias or Cmnd_Alias definition. Members of a Cmnd_Alias are kept
 * in {@code commands}, the others in {@code members}.
 */
public record Alias(Type type, String name, List<Member> members, List<Command> commands, String file, int line) {

    public enum Type {
        USER("User_Alias"), RUNAS("Runas_Alias"), HOST("Host_Alias"), CMND("Cmnd_Alias");

        private final String keyword;

        Type(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    public Alias {
        members = List.copyOf(members);
        commands = List.copyOf(commands);
    }
}
