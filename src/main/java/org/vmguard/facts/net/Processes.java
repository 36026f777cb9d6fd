package org.vmguard.facts.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/**
 * The processes of a live host, from /proc/PID/comm and /proc/PID/cmdline. On an offline image
 * there are none to see: {@code live} is false and the list is empty.
 */
public record Processes(boolean live, List<Proc> all) {

    public static final FactKey<Processes> KEY = FactKey.of("processes", Processes::load);

    /**
     * One process; {@code cmdline} has its NUL separators turned into spaces, and is "" in the
     * process list (read only for socket owners).
     */
    public record Proc(int pid, String comm, String cmdline) {

        /** The program's file name: argv[0]'s last component, or comm when argv is empty (kernel threads). */
        public String program() {
            String first = cmdline.isEmpty() ? comm : cmdline.split(" ", 2)[0];
            String base = first.substring(first.lastIndexOf('/') + 1);
            return base.endsWith(":") ? base.substring(0, base.length() - 1) : base;
        }
    }

    static Processes load(Host host) {
        if (!host.kind().live()) {
            return new Processes(false, List.of());
        }
        // comm only: reading every cmdline too doubles the cost, and names are what the checks match
        List<Proc> out = new ArrayList<>();
        for (int pid : pids(host)) {
            try {
                host.text("/proc/" + pid + "/comm").ifPresent(c -> out.add(new Proc(pid, c.strip(), "")));
            } catch (FactException e) {
                // exited meanwhile, or hidden
            }
        }
        return new Processes(true, List.copyOf(out));
    }

    /** The numeric entries of /proc. */
    static List<Integer> pids(Host host) {
        List<Integer> pids = new ArrayList<>();
        for (String name : host.list("/proc")) {
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && name.length() < 10) {
                pids.add(Integer.parseInt(name));
            }
        }
        return pids;
    }

    /** A process that exits while we read it is simply not there. */
    static Optional<Proc> read(Host host, int pid) {
        try {
            Optional<String> comm = host.text("/proc/" + pid + "/comm");
            if (comm.isEmpty()) {
                return Optional.empty();
            }
            String cmd = host.text("/proc/" + pid + "/cmdline").orElse("");
            return Optional.of(new Proc(pid, comm.get().strip(), cmdline(cmd)));
        } catch (FactException e) {
            return Optional.empty();
        }
    }

    static String cmdline(String raw) {
        String s = raw.endsWith("\0") ? raw.substring(0, raw.length() - 1) : raw;
        return s.replace('\0', ' ').strip();
    }

    /** Processes whose program or comm is one of these names. */
    public List<Proc> named(String... names) {
        List<String> wanted = List.of(names);
        return all.stream().filter(p -> wanted.contains(p.comm()) || wanted.contains(p.program())).toList();
    }

    public boolean running(String... names) {
        return !named(names).isEmpty();
    }

    /** PID 1's comm, or "" when unknown. */
    public String init() {
        return all.stream().filter(p -> p.pid() == 1).map(Proc::comm).findFirst().orElse("");
    }
}
