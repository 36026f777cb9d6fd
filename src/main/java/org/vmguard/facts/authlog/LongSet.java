package org.vmguard.facts.authlog;

/** A set of non-zero longs (open addressing, linear probing): no object per member. */
final class LongSet {

    private long[] slots = new long[1 << 12];
    private int size;

    /** Adds {@code key} (not 0); false when it was there already. */
    boolean add(long key) {
        int mask = slots.length - 1;
        int i = slot(key, mask);
        long k;
        while ((k = slots[i]) != 0) {
            if (k == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = slot(k, mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = k;
            }
        }
    }
}
