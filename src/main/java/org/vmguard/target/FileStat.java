package org.vmguard.target;

/**
 * A file's metadata as lstat(2) gives it.
 *
 * @param mode the full st_mode: type bits and permission bits
 */
public record FileStat(String path, int mode, int uid, int gid, long size, long mtimeEpochSeconds) {

    private static final int S_IFMT = 0170000;

    public boolean isDirectory() {
        return (mode & S_IFMT) == 0040000;
    }

    public boolean isRegularFile() {
        return (mode & S_IFMT) == 0100000;
    }

    public boolean isSymlink() {
        return (mode & S_IFMT) == 0120000;
    }

    /** The permission bits, including setuid, setgid and sticky. */
    public int permissions() {
        return mode & 07777;
    }

    public boolean worldReadable() {
        return (mode & 0004) != 0;
    }

    public boolean worldWritable() {
        return (mode & 0002) != 0;
    }

    public boolean groupReadable() {
        return (mode & 0040) != 0;
    }

    /** "0640" style. */
    public String octal() {
        return String.format("%04o", permissions());
    }
}
