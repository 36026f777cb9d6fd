package org.vmguard.facts.sudoers;

/**
 * One command of a rule or a Cmnd_Alias: ALL, an alias name, a path (a directory when it ends in
 * '/', a regular expression when it starts with '^'), {@code sudoedit} or {@code list}, with its
 * arguments (null when none were given: any arguments are allowed).
 */
public record Command(String path, String args, boolean negated, String digest) {

    public boolean isAll() {
        return path.equals("ALL");
    }

    public boolean isAlias() {
        return Sudoers.isAliasName(path) && !isAll();
    }

    public Command negate(boolean flip) {
        return flip ? new Command(path, args, !negated, digest) : this;
    }

    @Override
    public String toString() {
        return (negated ? "!" : "") + (digest == null ? "" : digest + " ") + path + (args == null ? "" : " " + args);
    }
}
