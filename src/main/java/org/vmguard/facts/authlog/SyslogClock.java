package org.vmguard.facts.authlog;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/**
 * Turns log timestamps into epoch seconds. Traditional syslog ("Nov 23 12:47:41") carries neither
 * year nor zone: the zone is the machine's, and the year is the one of the file's last
 * modification, one less for dates that would lie after it (a file written across New Year holds
 * December lines before January ones). RFC 3339 stamps carry both. Not thread-safe: see {@link #fork}.
 */
public final class SyslogClock {

    /** An entry may be stamped this much after the file's mtime (clock skew, late flush). */
    private static final long SLACK_SECONDS = 86_400;
    static final long UNKNOWN = Long.MIN_VALUE;

    private final long mtime;
    private final int mtimeYear;
    private final ZoneRules zone;
    // (month, day, hour) → epoch second of the hour's start: one zone lookup per hour of log
    private final int[] cacheKeys = new int[256];
    private final long[] cacheValues = new long[256];

    public SyslogClock(long mtimeEpochSeconds, ZoneId zone) {
        this.mtime = mtimeEpochSeconds;
        this.zone = zone.getRules();
        this.mtimeYear = ZonedDateTime.ofInstant(java.time.Instant.ofEpochSecond(mtimeEpochSeconds), zone).getYear();
    }

    private SyslogClock(SyslogClock of) {
        this.mtime = of.mtime;
        this.mtimeYear = of.mtimeYear;
        this.zone = of.zone;
    }

    /**
     * The same clock with a cache of its own: the cache is not thread-safe (a reader could see a
     * slot's new key with its old value), so each thread that reads stamps takes its own.
     */
    SyslogClock fork() {
        return new SyslogClock(this);
    }

    /** The epoch second of a traditional stamp, or UNKNOWN for an impossible date. */
    long traditional(int month, int day, int hour, int minute, int second) {
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return UNKNOWN;
        }
        int key = (month * 32 + day) * 24 + hour + 1;
        int slot = key & 255;
        long hourStart;
        if (cacheKeys[slot] == key) {
            hourStart = cacheValues[slot];
        } else {
            hourStart = hourStart(mtimeYear, month, day, hour);
            if (hourStart > mtime + SLACK_SECONDS) {
                hourStart = hourStart(mtimeYear - 1, month, day, hour);
            }
            cacheKeys[slot] = key;
            cacheValues[slot] = hourStart;
        }
        return hourStart + minute * 60L + second;
    }

    private long hourStart(int year, int month, int day, int hour) {
        int d = Math.min(day, java.time.YearMonth.of(year, month).lengthOfMonth());
        LocalDateTime local = LocalDateTime.of(year, month, d, hour, 0);
        return local.toEpochSecond(zone.getOffset(local));
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (no validation). */
    static long epochDay(int y, int m, int d) {
        long year = y - (m <= 2 ? 1 : 0);
        long era = Math.floorDiv(year, 400);
        long yoe = year - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
