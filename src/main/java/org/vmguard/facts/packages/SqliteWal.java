package org.vmguard.facts.packages;

import java.util.Arrays;

/**
 * Applies an SQLite write-ahead log to its database image, as a reader opening the database would
 * see it (sqlite.org/fileformat2.html, "The WAL File Format"): frames are valid while their salts
 * match the header and their cumulative checksums hold, and only frames up to the last valid
 * commit frame count. rpm keeps its database in WAL mode, so a live host's latest transaction
 * may sit only in rpmdb.sqlite-wal.
 */
final class SqliteWal {

    static final int HEADER = 32;
    static final int FRAME_HEADER = 24;

    private SqliteWal() {
    }

    /** The result of merging: the database image and how many frames were applied. */
    record Merged(byte[] db, int frames) {
    }

    /** @throws IllegalArgumentException when the log's header is damaged */
    static Merged apply(byte[] db, byte[] wal) {
        if (wal.length < HEADER) {
            return new Merged(db, 0);
        }
        int magic = be32(wal, 0);
        if (magic != 0x377f0682 && magic != 0x377f0683) {
            throw new IllegalArgumentException("not an SQLite WAL file");
        }
        boolean bigEndianSums = (magic & 1) == 1;
        int pageSize = be32(wal, 8);
        if (pageSize == 1) {
            pageSize = 65536;
        }
        if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("implausible WAL page size " + pageSize);
        }
        int salt1 = be32(wal, 16);
        int salt2 = be32(wal, 20);
        int[] sum = checksum(wal, 0, 24, new int[] {0, 0}, bigEndianSums);
        if (sum[0] != be32(wal, 24) || sum[1] != be32(wal, 28)) {
            return new Merged(db, 0); // a log whose header does not check out is ignored, as SQLite does
        }
        // first pass: find the last valid commit frame
        int frameSize = FRAME_HEADER + pageSize;
        int lastCommitEnd = -1;
        int commitPages = 0;
        int frames = 0;
        int validFramesAtCommit = 0;
        for (int off = HEADER; off + frameSize <= wal.length; off += frameSize) {
            if (be32(wal, off + 8) != salt1 || be32(wal, off + 12) != salt2) {
                break;
            }
            sum = checksum(wal, off, 8, sum, bigEndianSums);
            sum = checksum(wal, off + FRAME_HEADER, pageSize, sum, bigEndianSums);
            if (sum[0] != be32(wal, off + 16) || sum[1] != be32(wal, off + 20)) {
                break;
            }
            frames++;
            int dbSize = be32(wal, off + 4);
            if (dbSize != 0) {
                lastCommitEnd = off + frameSize;
                commitPages = dbSize;
                validFramesAtCommit = frames;
            }
        }
        if (lastCommitEnd < 0) {
            return new Merged(db, 0);
        }
        long size = (long) commitPages * pageSize;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("WAL commits a database of " + commitPages + " pages");
        }
        byte[] out = Arrays.copyOf(db, (int) size);
        for (int off = HEADER; off < lastCommitEnd; off += frameSize) {
            long pgno = be32(wal, off) & 0xffffffffL;
            if (pgno < 1 || pgno > commitPages) {
                continue; // a page beyond the committed size was truncated away
            }
            System.arraycopy(wal, off + FRAME_HEADER, out, (int) ((pgno - 1) * pageSize), pageSize);
        }
        return new Merged(out, validFramesAtCommit);
    }

    /** SQLite's WAL checksum over 8-byte chunks, continuing from {@code s}. */
    private static int[] checksum(byte[] b, int off, int len, int[] s, boolean bigEndian) {
        int s1 = s[0];
        int s2 = s[1];
        for (int i = off; i + 8 <= off + len; i += 8) {
            int x0 = bigEndian ? be32(b, i) : le32(b, i);
            int x1 = bigEndian ? be32(b, i + 4) : le32(b, i + 4);
            s1 += x0 + s2;
            s2 += x1 + s1;
        }
        return new int[] {s1, s2};
    }

    private static int be32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((b[p + 3] & 0xff) << 24);
    }
}
