package org.vmguard.cloud;

/** A Nova API microversion such as 2.73. */
public record Microversion(int major, int minor) implements Comparable<Microversion> {

    public static Microversion parse(String s) {
        String[] p = s.trim().split("\\.");
        if (p.length != 2) {
            throw new IllegalArgumentException("not a microversion: " + s);
        }
        return new Microversion(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    @Override
    public int compareTo(Microversion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
