package org.vmguard.core;

import java.util.List;

/**
 * Counts per status and a score: the severity-weighted share of evaluated checks that passed.
 * Errors count against the score (what could not be evaluated is not credited); skips and
 * info do not count.
 */
public record Summary(int pass, int fail, int skip, int error, int info, int score) {

    public static Summary of(List<Result> results) {
        int[] n = new int[Status.values().length];
        long passed = 0;
        long total = 0;
        for (Result r : results) {
            n[r.status().ordinal()]++;
            int w = weight(r.check().severity());
            switch (r.status()) {
                case PASS -> { passed += w; total += w; }
                case FAIL, ERROR -> total += w;
                case SKIP, INFO -> { }
            }
        }
        int score = total == 0 ? 100 : (int) Math.round(100.0 * passed / total);
        return new Summary(n[Status.PASS.ordinal()], n[Status.FAIL.ordinal()], n[Status.SKIP.ordinal()],
                n[Status.ERROR.ordinal()], n[Status.INFO.ordinal()], score);
    }

    private static int weight(Severity s) {
        return switch (s) {
            case CRITICAL -> 10;
            case HIGH -> 5;
            case MEDIUM -> 3;
            case LOW -> 1;
            case INFO -> 0;
        };
    }
}
