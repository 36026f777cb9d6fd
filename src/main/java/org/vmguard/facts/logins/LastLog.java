package org.vmguard.facts.logins;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * /var/log/lastlog: an array of {@code struct lastlog} indexed by UID, 292 bytes each on x86_64
 * glibc ({@code int32 ll_time; char ll_line[32]; char ll_host[256]}). The file is sparse; a zero
 * time means "never". Only the first {@code Target.MAX_READ} bytes are read, so UIDs beyond
 * {@link #maxUid()} are unknown rather than "never".
 *
 * @param records the non-empty records by UID
 * @param maxUid the highest UID whose record was read in full
 */
public record LastLog(String path, Map<Long, Login> records, long maxUid) {

    public static final String PATH = "/var/log/lastlog";
    public static final int RECORD = 292;

    public LastLog {
        records = Map.copyOf(records);
    }

    /** Never throws: any byte string is an array of records, a partial one at the end is ignored. */
    public static LastLog parse(String path, byte[] bytes) {
        Map<Long, Login> out = new HashMap<>();
        ByteBuffer b = Binary.le(bytes);
        long n = bytes.length / RECORD;
        for (long uid = 0; uid < n; uid++) {
            int off = (int) (uid * RECORD);
            int time = b.getInt(off);
            if (time == 0) {
                continue;
            }
            // ll_time is a signed 32-bit time_t on x86_64 glibc's lastlog; negative values are junk
            Instant t = Instant.ofEpochSecond(Integer.toUnsignedLong(time));
            out.put(uid, new Login(t, Binary.text(bytes, off + 4, 32), Binary.text(bytes, off + 36, 256), path));
        }
        return new LastLog(path, out, n - 1);
    }

    public Optional<Login> of(long uid) {
        return Optional.ofNullable(records.get(uid));
    }

    public boolean covers(long uid) {
        return uid <= maxUid;
    }
}
