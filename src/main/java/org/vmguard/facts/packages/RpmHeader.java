package org.vmguard.facts.packages;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One RPM header as the package database stores it: an index of entries (tag, type, offset,
 * count) over a data store, big-endian, optionally preceded by the header magic
 * {@code 8e ad e8 01 00000000}. Only the string and integer tags a package listing needs are
 * decoded; every offset is bounds-checked, so a damaged blob is an exception, never a wrong value.
 */
public final class RpmHeader {

    public static final int NAME = 1000;
    public static final int VERSION = 1001;
    public static final int RELEASE = 1002;
    public static final int EPOCH = 1003;
    public static final int INSTALLTIME = 1008;
    public static final int ARCH = 1022;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    /** rpm's own sanity limits (hdrblob.c): at most 0xffff entries and a 256 MiB data store. */
    private static final int MAX_ENTRIES = 0xffff;
    private static final int MAX_DATA = 256 * 1024 * 1024;

    private record Entry(int type, int offset, int count) {
    }

    private final Map<Integer, Entry> entries;
    private final byte[] blob;
    private final int dataStart;
    private final int dataLength;

    private RpmHeader(Map<Integer, Entry> entries, byte[] blob, int dataStart, int dataLength) {
        this.entries = entries;
        this.blob = blob;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
    }

    /** @throws IllegalArgumentException naming what is wrong with the blob */
    public static RpmHeader parse(byte[] blob) {
        int p = 0;
        if (blob.length >= 8 && (blob[0] & 0xff) == 0x8e && (blob[1] & 0xff) == 0xad && (blob[2] & 0xff) == 0xe8
                && blob[3] == 1) {
            p = 8;
        }
        if (blob.length < p + 8) {
            throw new IllegalArgumentException("header shorter than its index counts");
        }
        long il = u32(blob, p);
        long dl = u32(blob, p + 4);
        if (il < 1 || il > MAX_ENTRIES || dl > MAX_DATA) {
            throw new IllegalArgumentException("implausible header sizes: " + il + " entries, " + dl + " bytes");
        }
        int index = p + 8;
        long dataStart = index + il * 16;
        if (dataStart + dl > blob.length) {
            throw new IllegalArgumentException("header claims " + (dataStart + dl) + " bytes, has " + blob.length);
        }
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < il; i++) {
            int e = index + i * 16;
            int tag = (int) u32(blob, e);
            int type = (int) u32(blob, e + 4);
            long offset = u32(blob, e + 8);
            long count = u32(blob, e + 12);
            if (offset > dl || count > dl + 1) {
                throw new IllegalArgumentException("entry " + tag + " points outside the data store");
            }
            entries.putIfAbsent(tag, new Entry(type, (int) offset, (int) count));
        }
        return new RpmHeader(Map.copyOf(entries), blob, (int) dataStart, (int) dl);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    /** A STRING, I18NSTRING or the first of a STRING_ARRAY. */
    public Optional<String> string(int tag) {
        Entry e = entries.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        if (e.type != TYPE_STRING && e.type != TYPE_I18NSTRING && e.type != TYPE_STRING_ARRAY) {
            throw new IllegalArgumentException("tag " + tag + " has type " + e.type + ", not a string");
        }
        int start = dataStart + e.offset;
        int end = dataStart + dataLength;
        int z = start;
        while (z < end && blob[z] != 0) {
            z++;
        }
        if (z >= end) {
            throw new IllegalArgumentException("string of tag " + tag + " is not terminated");
        }
        return Optional.of(new String(blob, start, z - start, StandardCharsets.UTF_8));
    }

    /** The first value of an INT32 tag. */
    public Optional<Long> int32(int tag) {
        Entry e = entries.get(tag);
        if (e == null) {
            return Optional.empty();
        }
        if (e.type != TYPE_INT32 || e.count < 1) {
            throw new IllegalArgumentException("tag " + tag + " has type " + e.type + ", not int32");
        }
        if (e.offset % 4 != 0 || e.offset + 4 > dataLength) {
            throw new IllegalArgumentException("int32 of tag " + tag + " is misaligned or outside the data store");
        }
        return Optional.of(u32(blob, dataStart + e.offset));
    }
}
