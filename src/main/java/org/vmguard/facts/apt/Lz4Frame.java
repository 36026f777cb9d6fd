package org.vmguard.facts.apt;

/**
 * Decompresses the LZ4 frame format (lz4 --frame, what APT writes with
 * Acquire::CompressionTypes::Order "lz4" and Acquire::GzipIndexes), following the LZ4 frame and
 * block format descriptions. Checksums are skipped, not verified: APT verified the file's hash
 * when it downloaded it.
 */
public final class Lz4Frame {

    public static final int MAGIC = 0x184D2204;
    /** A decompressed index larger than this is refused, so a hostile file cannot exhaust memory. */
    static final int MAX_OUTPUT = 256 * 1024 * 1024;

    private Lz4Frame() {
    }

    public static boolean isLz4(byte[] b) {
        return b.length >= 4 && le32(b, 0) == MAGIC;
    }

    /** @throws IllegalArgumentException saying what is wrong with the data */
    public static byte[] decompress(byte[] in) {
        Out out = new Out();
        int p = 0;
        while (p < in.length) {
            need(in, p, 4);
            int magic = le32(in, p);
            if ((magic & 0xFFFFFFF0) == 0x184D2A50) { // a skippable frame
                need(in, p + 4, 4);
                long size = le32(in, p + 4) & 0xFFFFFFFFL;
                p += 8;
                if (size > in.length - p) {
                    throw new IllegalArgumentException("skippable frame runs past the end");
                }
                p += (int) size;
                continue;
            }
            if (magic != MAGIC) {
                throw new IllegalArgumentException("not an LZ4 frame at byte " + p);
            }
            p += 4;
            need(in, p, 2);
            int flg = in[p] & 0xff;
            if ((flg >>> 6) != 1) {
                throw new IllegalArgumentException("unsupported LZ4 frame version");
            }
            boolean blockChecksum = (flg & 0x10) != 0;
            boolean contentSize = (flg & 0x08) != 0;
            boolean contentChecksum = (flg & 0x04) != 0;
            boolean dictId = (flg & 0x01) != 0;
            p += 2 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1; // FLG, BD, options, header checksum
            while (true) {
                need(in, p, 4);
                int raw = le32(in, p);
                p += 4;
                if (raw == 0) {
                    break;
                }
                boolean stored = (raw & 0x80000000) != 0;
                int size = raw & 0x7FFFFFFF;
                if (size > in.length - p) {
                    throw new IllegalArgumentException("block of " + size + " bytes runs past the end");
                }
                if (stored) {
                    out.write(in, p, size);
                } else {
                    block(in, p, p + size, out);
                }
                p += size + (blockChecksum ? 4 : 0);
            }
            p += contentChecksum ? 4 : 0;
        }
        return out.toByteArray();
    }

    private static void block(byte[] in, int p, int end, Out out) {
        while (p < end) {
            int token = in[p++] & 0xff;
            int lit = token >>> 4;
            if (lit == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new IllegalArgumentException("literal length runs past the block");
                    }
                    b = in[p++] & 0xff;
                    lit += b;
                } while (b == 255);
            }
            if (lit > end - p) {
                throw new IllegalArgumentException("literals run past the block");
            }
            out.write(in, p, lit);
            p += lit;
            if (p == end) {
                return; // the last sequence carries literals only
            }
            if (end - p < 2) {
                throw new IllegalArgumentException("match offset runs past the block");
            }
            int offset = (in[p] & 0xff) | ((in[p + 1] & 0xff) << 8);
            p += 2;
            if (offset == 0 || offset > out.size()) {
                throw new IllegalArgumentException("match offset " + offset + " points before the output");
            }
            int len = token & 15;
            if (len == 15) {
                int b;
                do {
                    if (p >= end) {
                        throw new IllegalArgumentException("match length runs past the block");
                    }
                    b = in[p++] & 0xff;
                    len += b;
                } while (b == 255);
            }
            out.copy(offset, len + 4);
        }
    }

    private static void need(byte[] in, int p, int n) {
        if (p + n > in.length || p < 0) {
            throw new IllegalArgumentException("LZ4 data ends early");
        }
    }

    private static int le32(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | ((b[p + 3] & 0xff) << 24);
    }

    /** A growing buffer that can copy from its own past, overlaps included. */
    private static final class Out {
        private byte[] buf = new byte[1 << 16];
        private int count;

        int size() {
            return count;
        }

        void copy(int offset, int len) {
            ensure(count + (long) len);
            int from = count - offset;
            if (offset >= len) {
                System.arraycopy(buf, from, buf, count, len);
                count += len;
                return;
            }
            for (int i = 0; i < len; i++) {
                buf[count++] = buf[from + i];
            }
        }

        void write(byte[] b, int off, int len) {
            ensure(count + (long) len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }

        private void ensure(long min) {
            if (min > MAX_OUTPUT) {
                throw new IllegalArgumentException("decompresses to more than " + (MAX_OUTPUT >> 20) + " MiB");
            }
            if (min > buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(MAX_OUTPUT, Math.max(min, (long) buf.length * 2)));
            }
        }
    }
}
