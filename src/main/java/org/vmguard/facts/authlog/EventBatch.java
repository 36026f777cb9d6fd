package org.vmguard.facts.authlog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The sshd events of one chunk of a log, column by column (no object per line), with the chunk's
 * own tables of addresses, user names, methods and connections. Chunks are parsed in parallel;
 * the analysis then reads them in file order.
 */
final class EventBatch {

    static final int INVALID_USER = 1;
    static final int SSHD_SESSION = 2;

    final byte[] bytes;
    /** Lines in this chunk, and those that could not be read as log lines. */
    int lines;
    int unparsed;
    int size;

    byte[] kind = new byte[1024];
    byte[] flags = new byte[1024];
    long[] time = new long[1024];
    int[] address = new int[1024];
    int[] user = new int[1024];
    int[] filterUser = new int[1024];
    int[] method = new int[1024];
    long[] connection = new long[1024]; // ConnectionKeys
    int[] line = new int[1024];
    int[] start = new int[1024];
    int[] end = new int[1024];

    final ByteInterner addresses = new ByteInterner(SourceAddress::canonical);
    final ByteInterner users = new ByteInterner(s -> s);
    final ByteInterner methods = new ByteInterner(s -> s);
    final ByteInterner connections = new ByteInterner(s -> s);

    // set by AuthLogAnalyzer.prepare: the batch's ids resolved to the analysis's states
    AuthLogAnalyzer.SourceState[] sources;
    AuthLogAnalyzer.UserState[] userStates;

    EventBatch(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Empties it for another chunk in the same bytes; its columns and tables keep their size. */
    void reset() {
        lines = unparsed = size = 0;
        addresses.clear();
        users.clear();
        methods.clear();
        connections.clear();
        sources = null;
        userStates = null;
    }

    int add() {
        if (size == kind.length) {
            int n = size * 2;
            kind = Arrays.copyOf(kind, n);
            flags = Arrays.copyOf(flags, n);
            time = Arrays.copyOf(time, n);
            address = Arrays.copyOf(address, n);
            user = Arrays.copyOf(user, n);
            filterUser = Arrays.copyOf(filterUser, n);
            method = Arrays.copyOf(method, n);
            connection = Arrays.copyOf(connection, n);
            line = Arrays.copyOf(line, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
        }
        return size++;
    }

    String text(int i) {
        return new String(bytes, start[i], end[i] - start[i], StandardCharsets.UTF_8);
    }
}
