package org.vmguard.facts.sudoers;

/**
 * One item of a sudoers list (users, hosts, run-as users or groups), as written: a name,
 * {@code %group}, {@code %:group}, {@code %#gid}, {@code #uid}, {@code +netgroup}, {@code ALL} or an
 * alias name; {@code negated} when an odd number of '!' preceded it.
 */
public record Member(String name, boolean negated) {

    public boolean isAll() {
        return name.equals("ALL");
    }

    /** sudo's lexer reads every [A-Z][A-Z0-9_]* word as an alias reference; ALL is reserved. */
    public boolean isAlias() {
        return Sudoers.isAliasName(name) && !isAll();
    }

    @Override
    public String toString() {
        return (negated ? "!" : "") + name;
    }
}
