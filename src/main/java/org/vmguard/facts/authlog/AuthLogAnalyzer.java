package org.vmguard.facts.authlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.vmguard.core.Evidence;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLogAnalysis.Finding;

/**
 * Folds the events of one or more logs, in file order, into an {@link AuthLogAnalysis}. Not
 * thread-safe: chunks are parsed in parallel, but they arrive here one by one, in order.
 */
public final class AuthLogAnalyzer {

    private static final int MAX_USERS_PER_SOURCE = 100;
    private static final UserState[] NO_USERS = new UserState[0];
    /** Logins in the window's first day teach which networks are usual. */
    private static final long LEARNING_SECONDS = 86_400;

    private final Thresholds thresholds;
    private final long findTime;
    private final Fail2banConnections<SourceState> filter = new Fail2banConnections<>();
    // filled by the reading threads (prepare), read by the in-order analysis
    private final Map<String, SourceState> sources = new ConcurrentHashMap<>();
    private final Map<String, UserState> users = new ConcurrentHashMap<>();
    // numbers of sources and users, for the (source, user) pairs of usersTried
    private final AtomicLong nextSource = new AtomicLong();
    private final AtomicLong nextUser = new AtomicLong();
    private final Map<Long, long[]> hours = new HashMap<>();
    private final Map<String, FindingState> findings = new LinkedHashMap<>();
    private final Set<String> loginNetworks = new HashSet<>();
    private final List<AuthLogAnalysis.Input> inputs = new ArrayList<>();
    /** (source id, user id) of every name a source tried, so each is listed once. */
    private final LongSet usersTried = new LongSet();

    private long from = Long.MAX_VALUE;
    private long to = Long.MIN_VALUE;

    // the input being read
    private String path;
    private long mtime;
    private long lines;
    private long unparsed;
    private long lastHour = Long.MIN_VALUE;
    private long[] lastHourCounts;

    public AuthLogAnalyzer(Thresholds thresholds) {
        this.thresholds = thresholds;
        this.findTime = thresholds.findTime().toSeconds();
    }

    static final class SourceState {
        final String address;
        /** 4 for IPv4, 6 for IPv6, 0 for a host name (what fail2ban tells apart). */
        final int kind;
        long failures;
        long invalid;
        long successes;
        // the names tried, in order; a UserState is one per name, so the set compares by identity
        // the names tried, in order, each once (usersTried holds the pairs); at most MAX_USERS_PER_SOURCE
        UserState[] users = NO_USERS;
        int userCount;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long[] ring;
        int ringNext;
        int ringCount;
        boolean bruteForce;
        Evidence firstFailure;
        UserState lastUser;
        String network;

        final long id; // from 1, in this analysis: a pair (source, user) is never 0

        SourceState(String address, long id) {
            this.address = address;
            this.id = id;
            this.kind = SourceAddress.isIpv4(address) ? 4 : SourceAddress.isIpv6(address) ? 6 : 0;
        }
    }

    static final class UserState {
        final long id; // from 1, in this analysis
        final String name;
        long failures;
        long successes;
        boolean invalid;

        UserState(String name, long id) {
            this.name = name;
            this.id = id;
        }
    }

    private static final class FindingState {
        final String id;
        final Severity severity;
        final String address;
        final String user;
        final long time;
        final String message;
        final List<Evidence> evidence;
        long count = 1;

        FindingState(String id, Severity severity, String address, String user, long time, String message,
                List<Evidence> evidence) {
            this.id = id;
            this.severity = severity;
            this.address = address;
            this.user = user;
            this.time = time;
            this.message = message;
            this.evidence = evidence;
        }
    }

    /** Starts a log; entries without a time are dated at {@code mtimeEpochSeconds}. */
    public void begin(String path, long mtimeEpochSeconds) {
        this.path = path;
        this.mtime = mtimeEpochSeconds;
        this.lines = 0;
        this.unparsed = 0;
    }

    /** A line too long to keep in memory: counted, not read. */
    void giganticLine() {
        lines++;
        unparsed++;
    }

    /** Ends the current log; {@code error} says why it could not be read to its end, or is null. */
    public void end(String error) {
        inputs.add(new AuthLogAnalysis.Input(path, lines, unparsed, error));
    }

    /**
     * Resolves a parsed chunk's addresses and user names to the analysis's states; thread-safe,
     * so the reading threads do it in parallel and the in-order pass reads arrays.
     */
    void prepare(EventBatch b) {
        int na = b.addresses.size();
        SourceState[] src = new SourceState[na];
        for (int a = 0; a < na; a++) {
            src[a] = sources.computeIfAbsent(b.addresses.value(a),
                    address -> new SourceState(address, nextSource.incrementAndGet()));
        }
        // only the names tried as accounts become users ("invalid user X" may be the filter's)
        UserState[] userStates = new UserState[b.users.size()];
        int[] user = b.user;
        for (int i = 0; i < b.size; i++) {
            int uid = user[i];
            if (uid >= 0 && userStates[uid] == null) {
                userStates[uid] = users.computeIfAbsent(b.users.value(uid),
                        name -> new UserState(name, nextUser.incrementAndGet()));
            }
        }
        b.sources = src;
        b.userStates = userStates;
    }

    void accept(EventBatch b) {
        long firstLine = lines + 1;
        lines += b.lines;
        unparsed += b.unparsed;
        if (b.sources == null) {
            prepare(b);
        }
        SourceState[] src = b.sources;
        UserState[] userStates = b.userStates;
        for (int i = 0; i < b.size; i++) {
            event(b, i, firstLine, src, userStates);
        }
    }

    /**
     * One event, in order. A method of its own rather than the loop's body: C1 compiles it after a
     * few hundred calls, while a loop body waits for on-stack replacement (tens of thousands of
     * passes) and runs interpreted until then.
     */
    private void event(EventBatch b, int i, long firstLine, SourceState[] src, UserState[] userStates) {
        SshdMessage kind = SshdMessage.of(b.kind[i]);
        long t = b.time[i] == SyslogClock.UNKNOWN ? mtime : b.time[i];
        if (t < from) {
            from = t;
        }
        if (t > to) {
            to = t;
        }
        int a = b.address[i];
        SourceState s = null;
        if (a >= 0) {
            s = src[a];
            if (t < s.first) {
                s.first = t;
            }
            if (t > s.last) {
                s.last = t;
            }
        }
        int uid = b.user[i];
        UserState us = uid >= 0 ? userStates[uid] : null;
        String user = us != null ? us.name : null;
        boolean invalid = (b.flags[i] & EventBatch.INVALID_USER) != 0;
        if (kind.matchedByFilter()) {
            String fuser = b.filterUser[i] >= 0 ? b.users.value(b.filterUser[i]) : null;
            SourceState fs = filter.line(kind, b.connection[i], fuser, s, s != null ? s.kind : 0);
            if (fs != null) {
                failure(fs, t, us, b, i, firstLine);
            }
        }
        if (kind == SshdMessage.INVALID_USER && s != null) {
            s.invalid++;
            hour(t)[1]++;
        }
        if (us != null && s != null && s.lastUser != us && (kind.failure() || kind.success())
                && s.userCount < MAX_USERS_PER_SOURCE) {
            s.lastUser = us; // attackers repeat one name: skip the set for the repeats
            if (usersTried.add(s.id << 32 | us.id)) {
                if (s.userCount == s.users.length) {
                    s.users = Arrays.copyOf(s.users, Math.min(MAX_USERS_PER_SOURCE, Math.max(4, s.userCount * 2)));
                }
                s.users[s.userCount++] = us;
            }
        }
        if (us != null && invalid) {
            us.invalid = true;
        }
        if (kind.success() && s != null && user != null) {
            String method = b.method[i] >= 0 ? b.methods.value(b.method[i]) : "";
            success(s, t, user, us, method, b, i, firstLine);
        }
    }

    private long[] hour(long t) {
        long h = Math.floorDiv(t, 3600);
        if (h != lastHour) {
            lastHour = h;
            lastHourCounts = hours.computeIfAbsent(h, k -> new long[3]);
        }
        return lastHourCounts;
    }

    private Evidence evidence(EventBatch b, int i, long firstLine) {
        return Evidence.at(path, (int) Math.min(Integer.MAX_VALUE, firstLine + b.line[i]), b.text(i));
    }

    private void failure(SourceState s, long t, UserState user, EventBatch b, int i, long firstLine) {
        s.failures++;
        hour(t)[0]++;
        if (user != null) {
            user.failures++;
        }
        if (s.firstFailure == null) {
            s.firstFailure = evidence(b, i, firstLine);
        }
        int max = thresholds.maxRetry();
        if (s.ring == null) {
            s.ring = new long[max];
        }
        s.ring[s.ringNext] = t;
        s.ringNext = (s.ringNext + 1) % max;
        if (s.ringCount < max) {
            s.ringCount++;
        }
        // the oldest of the last maxretry failures is at ringNext once the ring is full
        if (!s.bruteForce && s.ringCount == max && t - s.ring[s.ringNext] < findTime) {
            s.bruteForce = true;
            find(AuthLogAnalysis.BRUTE_FORCE, Severity.MEDIUM, s.address, null, t,
                    s.address + " failed " + max + " times within " + human(findTime), List.of(evidence(b, i, firstLine)));
        }
    }

    private void success(SourceState s, long t, String user, UserState us, String method, EventBatch b, int i,
            long firstLine) {
        s.successes++;
        hour(t)[2]++;
        us.successes++;
        // a repeated finding only counts: its message and evidence are made the first time only
        Evidence here = null;
        String key;
        if (s.failures > 0 && (key = newFinding(AuthLogAnalysis.SUCCESS_AFTER_FAILURES, s.address, user)) != null) {
            here = evidence(b, i, firstLine);
            add(key, AuthLogAnalysis.SUCCESS_AFTER_FAILURES, Severity.CRITICAL, s.address, user, t,
                    user + " logged in (" + method + ") from " + s.address + " after " + s.failures + " failure(s) from it",
                    List.of(here, s.firstFailure));
        }
        if ((method.equals("password") || method.startsWith("keyboard-interactive"))
                && (key = newFinding(AuthLogAnalysis.PASSWORD_LOGIN, s.address, user)) != null) {
            here = here != null ? here : evidence(b, i, firstLine);
            add(key, AuthLogAnalysis.PASSWORD_LOGIN, Severity.HIGH, s.address, user, t,
                    user + " logged in with a password (" + method + ") from " + s.address, List.of(here));
        }
        if (user.equals("root") && (key = newFinding(AuthLogAnalysis.ROOT_LOGIN, s.address, user)) != null) {
            here = here != null ? here : evidence(b, i, firstLine);
            add(key, AuthLogAnalysis.ROOT_LOGIN, Severity.HIGH, s.address, user, t,
                    "root logged in (" + method + ") from " + s.address, List.of(here));
        }
        if (s.network == null) {
            s.network = SourceAddress.network(s.address);
        }
        String net = s.network;
        if (loginNetworks.add(net) && t >= from + LEARNING_SECONDS
                && (key = newFinding(AuthLogAnalysis.NEW_NETWORK, s.address, user)) != null) {
            here = here != null ? here : evidence(b, i, firstLine);
            add(key, AuthLogAnalysis.NEW_NETWORK, Severity.MEDIUM, s.address, user, t,
                    user + " logged in from " + net + ", a network with no earlier login in the window",
                    List.of(here));
        }
    }

    private void find(String id, Severity severity, String address, String user, long t, String message,
            List<Evidence> evidence) {
        String key = newFinding(id, address, user);
        if (key != null) {
            add(key, id, severity, address, user, t, message, evidence);
        }
    }

    /** The key of a finding not made yet; null (and one more occurrence counted) for a known one. */
    private String newFinding(String id, String address, String user) {
        String key = id + "\u0000" + address + "\u0000" + (user == null ? "" : user);
        FindingState f = findings.get(key);
        if (f != null) {
            f.count++;
            return null;
        }
        return key;
    }

    private void add(String key, String id, Severity severity, String address, String user, long t, String message,
            List<Evidence> evidence) {
        findings.put(key, new FindingState(id, severity, address, user, t, message, evidence));
    }

    static String human(long seconds) {
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    private static List<String> names(SourceState s) {
        String[] names = new String[s.userCount];
        for (int i = 0; i < names.length; i++) {
            names[i] = s.users[i].name;
        }
        return List.of(names);
    }

    /** One source into the report's sources and networks (a method: see {@link #event}). */
    private static void summarise(SourceState s, List<AuthLogAnalysis.Source> srcs, Map<String, long[]> nets) {
        srcs.add(new AuthLogAnalysis.Source(s.address, s.failures, s.invalid, s.successes, names(s),
                s.first == Long.MAX_VALUE ? null : Instant.ofEpochSecond(s.first),
                s.last == Long.MIN_VALUE ? null : Instant.ofEpochSecond(s.last), s.bruteForce));
        if (s.failures > 0 || s.successes > 0) {
            String network = s.network != null ? s.network : SourceAddress.network(s.address);
            long[] n = nets.computeIfAbsent(network, k -> new long[3]);
            n[0] += s.failures;
            n[1] += s.failures > 0 ? 1 : 0;
            n[2] += s.successes;
        }
    }

    public AuthLogAnalysis result() {
        List<AuthLogAnalysis.Source> srcs = new ArrayList<>(sources.size());
        Map<String, long[]> nets = new HashMap<>();
        for (SourceState s : sources.values()) {
            summarise(s, srcs, nets);
        }
        // comparators written out: Comparator.comparing's own lambdas are made at run time, not
        // taken from the AOT cache (~5 ms of a run)
        srcs.sort((x, y) -> x.failures() != y.failures() ? Long.compare(y.failures(), x.failures())
                : x.address().compareTo(y.address()));
        List<AuthLogAnalysis.Network> networks = new ArrayList<>();
        nets.forEach((k, v) -> networks.add(new AuthLogAnalysis.Network(k, v[0], (int) v[1], v[2])));
        networks.sort((x, y) -> x.failures() != y.failures() ? Long.compare(y.failures(), x.failures())
                : x.network().compareTo(y.network()));
        List<AuthLogAnalysis.UserName> us = new ArrayList<>();
        users.forEach((k, v) -> us.add(new AuthLogAnalysis.UserName(k, v.failures, v.successes, v.invalid)));
        us.sort((x, y) -> x.failures() != y.failures() ? Long.compare(y.failures(), x.failures())
                : x.user().compareTo(y.user()));
        List<AuthLogAnalysis.Hour> timeline = new ArrayList<>();
        hours.forEach((h, v) -> timeline.add(new AuthLogAnalysis.Hour(Instant.ofEpochSecond(h * 3600), v[0], v[1], v[2])));
        timeline.sort((x, y) -> x.start().compareTo(y.start()));
        List<Finding> fs = new ArrayList<>();
        for (FindingState f : findings.values()) {
            fs.add(new Finding(f.id, f.severity, f.address, f.user, Instant.ofEpochSecond(f.time), f.message, f.count,
                    f.evidence));
        }
        fs.sort((x, y) -> {
            int c = x.severity().compareTo(y.severity());
            if (c == 0) {
                c = x.time().compareTo(y.time());
            }
            if (c == 0) {
                c = x.id().compareTo(y.id());
            }
            return c != 0 ? c : x.address().compareTo(y.address());
        });
        AuthLogAnalysis.Window window = from == Long.MAX_VALUE ? null
                : new AuthLogAnalysis.Window(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
        return new AuthLogAnalysis(inputs, window, thresholds, srcs, networks, us, timeline, fs);
    }

}
