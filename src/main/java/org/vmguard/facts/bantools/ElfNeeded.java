package org.vmguard.facts.bantools;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vmguard.facts.ParseError;

/**
 * The DT_NEEDED entries of an ELF file's dynamic section (the shared libraries it links), read
 * without running anything, so it works on an offline image: ELF header → program headers →
 * PT_DYNAMIC → DT_STRTAB (a virtual address mapped back to the file through PT_LOAD) → names.
 */
public final class ElfNeeded {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;

    private ElfNeeded() {
    }

    public static List<String> needed(String path, byte[] file) {
        try {
            return read(path, file);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ParseError(path, 0, "truncated or malformed ELF file");
        }
    }

    private static List<String> read(String path, byte[] file) {
        if (file.length < 52 || file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') {
            throw new ParseError(path, 0, "not an ELF file");
        }
        boolean is64 = file[4] == 2;
        if (file[4] != 1 && file[4] != 2) {
            throw new ParseError(path, 0, "unknown ELF class " + file[4]);
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(file[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
        int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(b.getShort(is64 ? 56 : 44));
        if (phnum == 0) {
            return List.of();
        }
        if (phentsize < (is64 ? 56 : 32) || phoff < 0 || phoff + (long) phentsize * phnum > file.length) {
            throw new ParseError(path, 0, "program headers outside the file");
        }
        List<long[]> loads = new ArrayList<>(); // vaddr, offset, filesz
        long dynOff = -1;
        long dynSize = 0;
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * phentsize);
            int type = b.getInt(o);
            long offset;
            long vaddr;
            long filesz;
            if (is64) {
                offset = b.getLong(o + 8);
                vaddr = b.getLong(o + 16);
                filesz = b.getLong(o + 32);
            } else {
                offset = Integer.toUnsignedLong(b.getInt(o + 4));
                vaddr = Integer.toUnsignedLong(b.getInt(o + 8));
                filesz = Integer.toUnsignedLong(b.getInt(o + 16));
            }
            if (type == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
            } else if (type == PT_DYNAMIC) {
                dynOff = offset;
                dynSize = filesz;
            }
        }
        if (dynOff < 0) {
            return List.of(); // statically linked
        }
        if (dynOff + dynSize > file.length || dynSize < 0) {
            throw new ParseError(path, 0, "dynamic section outside the file");
        }
        int entry = is64 ? 16 : 8;
        List<Long> needed = new ArrayList<>();
        long strtab = -1;
        for (long o = dynOff; o + entry <= dynOff + dynSize; o += entry) {
            long tag = is64 ? b.getLong((int) o) : b.getInt((int) o);
            long val = is64 ? b.getLong((int) o + 8) : Integer.toUnsignedLong(b.getInt((int) o + 4));
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_NEEDED) {
                needed.add(val);
            } else if (tag == DT_STRTAB) {
                strtab = val;
            }
        }
        if (needed.isEmpty()) {
            return List.of();
        }
        long strOff = -1;
        for (long[] l : loads) {
            if (strtab >= l[0] && strtab < l[0] + l[2]) {
                strOff = l[1] + (strtab - l[0]);
            }
        }
        if (strOff < 0) {
            throw new ParseError(path, 0, "DT_STRTAB is in no loaded segment");
        }
        List<String> out = new ArrayList<>();
        for (long n : needed) {
            long start = strOff + n;
            if (start < 0 || start >= file.length) {
                throw new ParseError(path, 0, "DT_NEEDED name outside the file");
            }
            int end = (int) start;
            while (end < file.length && file[end] != 0) {
                end++;
            }
            out.add(new String(file, (int) start, end - (int) start, StandardCharsets.ISO_8859_1));
        }
        return out;
    }
}
