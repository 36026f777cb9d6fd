package org.vmguard.testing;

import java.util.Random;

/** Seeded mutations of valid input for property tests: inserted junk, deleted characters, giant lines. */
public final class Mutations {

    private Mutations() {
    }

    public static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        int n = 1 + r.nextInt(8);
        String junk = "${}(){}$?:=#;\"!/*\n\t \u0000\uFFFD\\";
        for (int k = 0; k < n && b.length() > 0; k++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(4)) {
                case 0 -> b.insert(at, junk.charAt(r.nextInt(junk.length())));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.insert(at, "${" + "{".repeat(r.nextInt(3)));
                default -> b.insert(at, (char) r.nextInt(0x3000));
            }
        }
        if (r.nextInt(20) == 0) {
            b.append("x".repeat(100_000));
        }
        return b.toString();
    }
}
