package org.vmguard.facts.logins;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * /var/log/wtmp: {@code struct utmp} records of 384 bytes on x86_64 glibc. The latest
 * USER_PROCESS record per user name is its last login; the first record's time is how far back
 * the file reaches (it is rotated, typically monthly).
 *
 * @param since the time of the earliest record, null when the file holds none
 */
public record Wtmp(String path, Map<String, Login> last, Instant since, int records) {

    public static final String PATH = "/var/log/wtmp";
    public static final int RECORD = 384;
    static final short USER_PROCESS = 7;
    private static final int TYPE = 0;
    private static final int LINE = 8;
    private static final int USER = 44;
    private static final int HOST = 76;
    private static final int TV_SEC = 340;

    public Wtmp {
        last = Map.copyOf(last);
    }

    /** Never throws: a partial record at the end is ignored, junk records are skipped. */
    public static Wtmp parse(String path, byte[] bytes) {
        Map<String, Login> out = new HashMap<>();
        ByteBuffer b = Binary.le(bytes);
        int n = bytes.length / RECORD;
        Instant since = null;
        for (int i = 0; i < n; i++) {
            int off = i * RECORD;
            long sec = Integer.toUnsignedLong(b.getInt(off + TV_SEC));
            Instant t = Instant.ofEpochSecond(sec);
            if (since == null && sec != 0) {
                since = t;
            }
            if (b.getShort(off + TYPE) != USER_PROCESS) {
                continue;
            }
            String user = Binary.text(bytes, off + USER, 32);
            if (user.isEmpty()) {
                continue;
            }
            Login l = new Login(t, Binary.text(bytes, off + LINE, 32), Binary.text(bytes, off + HOST, 256), path);
            out.merge(user, l, Login::later);
        }
        return new Wtmp(path, out, since, n);
    }

    public Optional<Login> of(String user) {
        return Optional.ofNullable(last.get(user));
    }
}
