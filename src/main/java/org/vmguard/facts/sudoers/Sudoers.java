package org.vmguard.facts.sudoers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;

/**
 * The sudo policy as sudo reads it: /etc/sudoers with its {@code #include}/{@code @include} files
 * and {@code includedir} directories spliced in place, every rule keeping its file and line, and
 * aliases resolvable. Lines that do not parse are kept in {@code errors}: a check that finds
 * nothing must then say it could not judge, since sudo may read such a line differently.
 *
 * @param present whether /etc/sudoers exists (sudo not installed when not)
 * @param hostname this host's name from /etc/hostname, "" when unknown (host lists then match)
 * @param files every file read, in order
 */
public record Sudoers(String path, boolean present, List<Rule> rules, Map<String, Alias> aliases,
        List<DefaultsEntry> defaults, List<String> files, List<ParseError> errors, String hostname) {

    public static final String PATH = "/etc/sudoers";
    public static final FactKey<Sudoers> KEY = FactKey.of("sudoers", Sudoers::load);
    /** sudo's own limit on nested includes. */
    static final int MAX_DEPTH = 128;
    /** Files read at most, however they include each other (a file included twice is read twice). */
    static final int MAX_FILES = 1000;
    private static final Pattern ALIAS_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    public Sudoers {
        rules = List.copyOf(rules);
        aliases = Map.copyOf(aliases);
        defaults = List.copyOf(defaults);
        files = List.copyOf(files);
        errors = List.copyOf(errors);
    }

    /** Problems named at most in {@link #errorSummary()}. */
    static final int SHOWN_ERRORS = 5;

    /**
     * The first few distinct problems, and how many more there are: an include loop across many
     * drop-ins repeats the same complaint thousands of times.
     */
    public String errorSummary() {
        List<String> distinct = errors.stream().map(Throwable::getMessage).distinct().toList();
        String shown = String.join("; ", distinct.subList(0, Math.min(SHOWN_ERRORS, distinct.size())));
        int more = errors.size() - Math.min(SHOWN_ERRORS, distinct.size());
        return more == 0 ? shown : shown + " (and " + more + " more)";
    }

    /** Where included files come from: the target, or a map in tests. */
    public interface Source {
        /** The file's text, empty when absent; a FactException when unreadable. */
        Optional<String> read(String path);

        /** The names in a directory, empty when absent. */
        List<String> list(String dir);
    }

    static Sudoers load(Host host) {
        Source source = new Source() {
            @Override
            public Optional<String> read(String path) {
                return host.text(path);
            }

            @Override
            public List<String> list(String dir) {
                return host.list(dir);
            }
        };
        String hostname = "";
        try {
            hostname = host.text("/etc/hostname").map(t -> t.strip().split("\\s+")[0]).orElse("");
        } catch (FactException e) {
            hostname = "";
        }
        return read(PATH, source, hostname);
    }

    public static boolean isAliasName(String s) {
        return ALIAS_NAME.matcher(s).matches();
    }

    /** Reads {@code path} and everything it includes. The top file unreadable is a FactException. */
    public static Sudoers read(String path, Source source, String hostname) {
        Optional<String> top = source.read(path);
        if (top.isEmpty()) {
            return new Sudoers(path, false, List.of(), Map.of(), List.of(), List.of(), List.of(), hostname);
        }
        Reader r = new Reader(source, hostname);
        r.file(path, top.get(), new ArrayList<>());
        return new Sudoers(path, true, r.rules, r.aliases, r.defaults, r.files, r.errors, hostname);
    }

    private static final class Reader {
        final Source source;
        final String hostname;
        final List<Rule> rules = new ArrayList<>();
        final Map<String, Alias> aliases = new HashMap<>();
        final List<DefaultsEntry> defaults = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        final List<ParseError> errors = new ArrayList<>();
        int reads;

        Reader(Source source, String hostname) {
            this.source = source;
            this.hostname = hostname;
        }

        void file(String path, String text, List<String> stack) {
            files.add(path);
            stack.add(path);
            SudoersFile.Parsed parsed = SudoersFile.parse(path, text);
            errors.addAll(parsed.errors());
            for (SudoersFile.Entry e : parsed.entries()) {
                switch (e) {
                    case SudoersFile.RuleEntry re -> rules.add(re.rule());
                    case SudoersFile.DefaultsLine d -> defaults.add(d.defaults());
                    case SudoersFile.AliasEntry ae -> {
                        Alias a = ae.alias();
                        String key = key(a.type(), a.name());
                        if (aliases.containsKey(key)) {
                            errors.add(new ParseError(path, a.line(), "Alias \"" + a.name() + "\" already defined"));
                        } else {
                            aliases.put(key, a);
                        }
                    }
                    case SudoersFile.Include inc -> include(path, inc, stack);
                }
            }
            stack.removeLast();
        }

        void include(String from, SudoersFile.Include inc, List<String> stack) {
            String target = inc.path().replace("%h", shortHost());
            if (!target.startsWith("/")) {
                // sudo ≥ 1.9.1: relative to the directory of the including file
                int slash = from.lastIndexOf('/');
                target = (slash <= 0 ? "/" : from.substring(0, slash + 1)) + target;
            }
            if (stack.size() >= MAX_DEPTH || stack.contains(target)) {
                errors.add(new ParseError(from, inc.line(), target + ": too many levels of includes"));
                return;
            }
            try {
                if (inc.dir()) {
                    for (String name : source.list(target)) {
                        // sudo skips names that end in '~' or contain a '.' (editor backups, .dpkg-old, README.txt…)
                        if (name.endsWith("~") || name.contains(".")) {
                            continue;
                        }
                        String p = target.endsWith("/") ? target + name : target + "/" + name;
                        if (stack.contains(p)) {
                            errors.add(new ParseError(from, inc.line(), p + ": too many levels of includes"));
                            continue;
                        }
                        if (!budget()) {
                            errors.add(new ParseError(from, inc.line(), "more than " + MAX_FILES + " files included"));
                            return;
                        }
                        Optional<String> text = source.read(p);
                        if (text.isPresent()) {
                            file(p, text.get(), stack);
                        }
                    }
                } else {
                    if (!budget()) {
                        errors.add(new ParseError(from, inc.line(), "more than " + MAX_FILES + " files included"));
                        return;
                    }
                    Optional<String> text = source.read(target);
                    if (text.isEmpty()) {
                        errors.add(new ParseError(from, inc.line(), target + ": no such file"));
                    } else {
                        file(target, text.get(), stack);
                    }
                }
            } catch (FactException e) {
                errors.add(new ParseError(from, inc.line(), e.getMessage()));
            }
        }

        /** Counts one more file read; false once a hostile include graph has used up the budget. */
        boolean budget() {
            return ++reads <= MAX_FILES;
        }

        String shortHost() {
            int dot = hostname.indexOf('.');
            return dot < 0 ? hostname : hostname.substring(0, dot);
        }
    }

    static String key(Alias.Type type, String name) {
        return type.name() + ":" + name;
    }

    public Optional<Alias> alias(Alias.Type type, String name) {
        return Optional.ofNullable(aliases.get(key(type, name)));
    }

    // ---- resolution -------------------------------------------------------------------------

    /** A list item with aliases expanded; {@code via} names the aliases it came through. */
    public record Resolved(String name, boolean negated, List<String> via) {
    }

    /** The list with aliases of {@code type} expanded in place, negations composed. */
    public List<Resolved> expand(Alias.Type type, List<Member> list) {
        List<Resolved> out = new ArrayList<>();
        for (Member m : list) {
            expandInto(type, m.name(), m.negated(), List.of(), out, new HashSet<>());
        }
        return out;
    }

    private void expandInto(Alias.Type type, String name, boolean negated, List<String> via, List<Resolved> out,
            Set<String> seen) {
        Optional<Alias> a = isAliasName(name) && !name.equals("ALL") ? alias(type, name) : Optional.empty();
        if (a.isEmpty() || !seen.add(name)) {
            out.add(new Resolved(name, negated, via));
            return;
        }
        List<String> v = new ArrayList<>(via);
        v.add(name);
        for (Member m : a.get().members()) {
            expandInto(type, m.name(), negated != m.negated(), List.copyOf(v), out, seen);
        }
        seen.remove(name);
    }

    /** The commands with Cmnd_Aliases expanded, negations composed. */
    public List<Command> expandCommands(Command c) {
        List<Command> out = new ArrayList<>();
        expandCommand(c, c.negated(), out, new HashSet<>());
        return out;
    }

    private void expandCommand(Command c, boolean negated, List<Command> out, Set<String> seen) {
        Optional<Alias> a = c.isAlias() ? alias(Alias.Type.CMND, c.path()) : Optional.empty();
        if (a.isEmpty() || !seen.add(c.path())) {
            out.add(new Command(c.path(), c.args(), negated, c.digest()));
            return;
        }
        for (Command m : a.get().commands()) {
            expandCommand(m, negated != m.negated(), out, seen);
        }
        seen.remove(c.path());
    }

    // ---- matching ---------------------------------------------------------------------------

    /** Who a user list is tested against: a name, its uid, its groups (names and ids). */
    public record Account(String name, long uid, List<String> groups, List<Long> gids) {
        public static final Account ROOT = new Account("root", 0, List.of("root"), List.of(0L));
    }

    /**
     * Does the user list match the account? sudo walks the list from the end and the last item
     * that matches decides (a negated one denies). %:group (group plugins) and +netgroup (NIS)
     * cannot be judged from files and match no one here.
     */
    public boolean matches(Alias.Type type, List<Member> list, Account a) {
        List<Resolved> r = expand(type, list);
        for (int i = r.size() - 1; i >= 0; i--) {
            Resolved m = r.get(i);
            if (userItemMatches(m.name(), a)) {
                return !m.negated();
            }
        }
        return false;
    }

    static boolean userItemMatches(String item, Account a) {
        if (item.equals("ALL")) {
            return true;
        }
        if (item.startsWith("%:") || item.startsWith("+")) {
            return false;
        }
        if (item.startsWith("%#")) {
            return parseId(item.substring(2)).map(a.gids()::contains).orElse(false);
        }
        if (item.startsWith("%")) {
            return a.groups().contains(item.substring(1));
        }
        if (item.startsWith("#")) {
            return parseId(item.substring(1)).map(id -> id == a.uid()).orElse(false);
        }
        return item.equals(a.name());
    }

    private static Optional<Long> parseId(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Can the privilege apply on this host? A host name is compared with /etc/hostname; what
     * files cannot settle (addresses, networks, netgroups, an unknown hostname) is taken to match,
     * so a possible grant is reported rather than missed.
     */
    public boolean appliesHere(Privilege p) {
        List<Resolved> r = expand(Alias.Type.HOST, p.hosts());
        for (int i = r.size() - 1; i >= 0; i--) {
            Resolved m = r.get(i);
            Boolean match = hostItemMatches(m.name());
            if (match == null) {
                if (!m.negated()) {
                    return true;
                }
                continue;
            }
            if (match) {
                return !m.negated();
            }
        }
        return false;
    }

    private Boolean hostItemMatches(String item) {
        if (item.equals("ALL")) {
            return true;
        }
        if (hostname.isEmpty() || item.startsWith("+") || item.matches("[0-9.]+(/[0-9.]+)?") || item.contains(":")) {
            return null;
        }
        String shortName = hostname.contains(".") ? hostname.substring(0, hostname.indexOf('.')) : hostname;
        return item.equalsIgnoreCase(hostname) || item.equalsIgnoreCase(shortName);
    }

    /** Does this command spec let its users run commands as root (no Runas_Spec means root)? */
    public boolean runsAsRoot(CmndSpec s) {
        if (s.runasUsers() == null) {
            return true;
        }
        return matches(Alias.Type.RUNAS, s.runasUsers(), Account.ROOT);
    }

    /** Does the command spec grant every command (ALL, directly or through a Cmnd_Alias)? */
    public boolean grantsAll(CmndSpec s) {
        return expandCommands(s.command()).stream().anyMatch(c -> c.isAll() && !c.negated());
    }

    /**
     * Is a password asked before this command runs? An explicit PASSWD/NOPASSWD tag decides;
     * otherwise the last {@code Defaults [!]authenticate} that applies to the account (global or
     * bound to it with Defaults:) does; sudo's default is to ask.
     *
     * @return the Defaults line that turned authentication off, or empty when a password is asked
     *         or a NOPASSWD tag decides
     */
    public Optional<DefaultsEntry> authenticationOff(Account a) {
        DefaultsEntry last = null;
        boolean on = true;
        for (DefaultsEntry d : defaults) {
            boolean applies = d.binding().isEmpty()
                    || d.binding().equals(":") && matches(Alias.Type.USER, d.bound(), a);
            if (!applies) {
                continue;
            }
            for (String s : d.settings()) {
                String t = s.replaceAll("\\s+", "");
                if (t.equals("authenticate")) {
                    on = true;
                    last = null;
                } else if (t.equals("!authenticate")) {
                    on = false;
                    last = d;
                }
            }
        }
        return on ? Optional.empty() : Optional.ofNullable(last);
    }

    /** "millert, mikef, dowdy (User_Alias FULLTIMERS)", "members of group sudo", … */
    public String describeUsers(List<Member> users) {
        List<String> parts = new ArrayList<>();
        for (Member m : users) {
            if (m.isAlias() && alias(Alias.Type.USER, m.name()).isPresent()) {
                List<String> names = expand(Alias.Type.USER, List.of(new Member(m.name(), false))).stream()
                        .map(r -> describeUser(r.name(), r.negated())).toList();
                parts.add((m.negated() ? "all but " : "") + String.join(", ", names) + " (User_Alias " + m.name() + ")");
            } else {
                parts.add(describeUser(m.name(), m.negated()));
            }
        }
        return String.join("; ", parts);
    }

    private static String describeUser(String item, boolean negated) {
        String d;
        if (item.equals("ALL")) {
            d = "every user";
        } else if (item.startsWith("%:")) {
            d = "members of non-Unix group " + item.substring(2);
        } else if (item.startsWith("%#")) {
            d = "members of group id " + item.substring(2);
        } else if (item.startsWith("%")) {
            d = "members of group " + item.substring(1);
        } else if (item.startsWith("#")) {
            d = "uid " + item.substring(1);
        } else if (item.startsWith("+")) {
            d = "netgroup " + item.substring(1);
        } else {
            d = item;
        }
        return negated ? "not " + d : d;
    }

    /** "root", "ALL", "oracle, sybase (Runas_Alias DB)"; null runas list means root. */
    public String describeRunas(CmndSpec s) {
        if (s.runasUsers() == null) {
            return "root";
        }
        if (s.runasUsers().isEmpty()) {
            return "the invoking user";
        }
        List<String> parts = new ArrayList<>();
        for (Member m : s.runasUsers()) {
            if (m.isAlias() && alias(Alias.Type.RUNAS, m.name()).isPresent()) {
                parts.add(String.join(", ", expand(Alias.Type.RUNAS, List.of(m)).stream()
                        .map(r -> (r.negated() ? "!" : "") + r.name()).toList()) + " (Runas_Alias " + m.name() + ")");
            } else {
                parts.add(m.toString());
            }
        }
        return String.join(", ", parts);
    }

    /** The parse errors as evidence, for a reason that says why a check could not judge. */
    public List<Evidence> errorEvidence() {
        return errors.stream().map(e -> Evidence.at(e.path(), e.line(), e.getMessage())).toList();
    }
}
