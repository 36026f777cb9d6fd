package org.vmguard.checks.probe;

import java.util.function.Function;

import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;

/** The part every probe check shares: a service that is not offered is skipped, one that could not be told about is an error. */
final class Answers {

    private Answers() {
    }

    static <T> Outcome judge(Probed<T> probed, Function<Probed.Seen<T>, Outcome> seen) {
        return switch (probed) {
            case Probed.Seen<T> s -> seen.apply(s);
            case Probed.Absent<T> a -> Outcome.skip(a.reason());
            case Probed.Failed<T> f -> Outcome.error(f.reason());
        };
    }
}
