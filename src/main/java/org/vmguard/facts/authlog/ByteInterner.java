package org.vmguard.facts.authlog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Byte slices to small ids, so a chunk of a log turns a million addresses and user names into a
 * few thousand Strings: a String is made only the first time a slice is seen. Slices are hashed
 * and compared eight bytes at a time (the scanner runs as C1 code, where a byte loop costs about
 * a nanosecond a byte); keys are kept zero-padded to whole longs.
 */
final class ByteInterner {

    /** Eight bytes of a byte array as one long, little-endian (plain access: any index); the scanner's too. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final UnaryOperator<String> normalise;
    private int[] table = new int[1024]; // id + 1; 0 = empty
    private byte[][] keys = new byte[256][];
    private int[] lengths = new int[256];
    private int[] hashes = new int[256];
    private String[] values = new String[256];
    private int size;

    ByteInterner(UnaryOperator<String> normalise) {
        this.normalise = normalise;
    }

    void clear() {
        Arrays.fill(table, 0);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    int size() {
        return size;
    }

    String value(int id) {
        return values[id];
    }

    /** The bytes [from, from + 8) as a long, only the first n (1..8) of them kept. */
    private static long head(byte[] b, int from, int n) {
        if (from + 8 <= b.length) {
            long x = (long) LONGS.get(b, from);
            return n >= 8 ? x : x & ((1L << (8 * n)) - 1);
        }
        long x = 0;
        for (int i = Math.min(n, 8) - 1; i >= 0; i--) {
            x = (x << 8) | (b[from + i] & 0xff);
        }
        return x;
    }

    static int hash(byte[] b, int from, int to) {
        int n = to - from;
        long h = n * 0x9E3779B97F4A7C15L;
        if (n > 0) {
            int i = from;
            for (; i + 8 < to; i += 8) {
                h = (h ^ (long) LONGS.get(b, i)) * 0xBF58476D1CE4E5B9L;
            }
            // the last one to eight bytes: an overlapping long when the slice has eight or more
            long last = n >= 8 ? (long) LONGS.get(b, to - 8) : head(b, from, n);
            h = (h ^ last) * 0x94D049BB133111EBL;
        }
        return (int) (h ^ (h >>> 31) ^ (h >>> 45));
    }

    private static boolean same(byte[] key, int n, byte[] b, int from) {
        if (n < 8) {
            return n == 0 || (long) LONGS.get(key, 0) == head(b, from, n);
        }
        int i = 0;
        for (; i + 8 < n; i += 8) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(b, from + i)) {
                return false;
            }
        }
        return (long) LONGS.get(key, n - 8) == (long) LONGS.get(b, from + n - 8);
    }

    int intern(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        int n = to - from;
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int idPlus = table[slot];
            if (idPlus == 0) {
                break;
            }
            int id = idPlus - 1;
            if (hashes[id] == h && lengths[id] == n && same(keys[id], n, b, from)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (size == keys.length) {
            int m = size * 2;
            keys = Arrays.copyOf(keys, m);
            lengths = Arrays.copyOf(lengths, m);
            hashes = Arrays.copyOf(hashes, m);
            values = Arrays.copyOf(values, m);
        }
        int id = size++;
        byte[] key = new byte[Math.max(8, (n + 7) & ~7)];
        System.arraycopy(b, from, key, 0, n);
        keys[id] = key;
        lengths[id] = n;
        hashes[id] = h;
        values[id] = normalise.apply(new String(b, from, n, StandardCharsets.UTF_8));
        table[slot] = id + 1;
        if (size * 2 > table.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        int mask = t.length - 1;
        for (int id = 0; id < size; id++) {
            int slot = hashes[id] & mask;
            while (t[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = id + 1;
        }
        table = t;
    }
}
