package org.vmguard.facts.authlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Byte slices to small ids, so a chunk of a log turns a million addresses and user names into a
 * few thousand Strings: a String is made only the first time a slice is seen.
 */
final class ByteInterner {

    private final UnaryOperator<String> normalise;
    private int[] table = new int[1024]; // id + 1; 0 = empty
    private byte[][] keys = new byte[256][];
    private int[] hashes = new int[256];
    private String[] values = new String[256];
    private int size;

    ByteInterner(UnaryOperator<String> normalise) {
        this.normalise = normalise;
    }

    int size() {
        return size;
    }

    String value(int id) {
        return values[id];
    }

    int intern(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        h ^= h >>> 16;
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int idPlus = table[slot];
            if (idPlus == 0) {
                break;
            }
            int id = idPlus - 1;
            if (hashes[id] == h && Arrays.equals(keys[id], 0, keys[id].length, b, from, to)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        if (size == keys.length) {
            int n = size * 2;
            keys = Arrays.copyOf(keys, n);
            hashes = Arrays.copyOf(hashes, n);
            values = Arrays.copyOf(values, n);
        }
        int id = size++;
        keys[id] = Arrays.copyOfRange(b, from, to);
        hashes[id] = h;
        values[id] = normalise.apply(new String(b, from, to - from, StandardCharsets.UTF_8));
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
