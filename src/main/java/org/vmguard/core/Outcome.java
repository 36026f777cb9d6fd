package org.vmguard.core;

import java.util.List;

/** What a check concluded, before the runner turns it into a {@link Result}. */
public sealed interface Outcome {

    String reason();

    List<Evidence> evidence();

    record Pass(String reason, List<Evidence> evidence) implements Outcome {
        public Pass {
            evidence = List.copyOf(evidence);
        }
    }

    /** @param severity the severity of this particular failure; null means the check's own */
    record Fail(String reason, List<Evidence> evidence, Severity severity) implements Outcome {
        public Fail {
            evidence = List.copyOf(evidence);
            if (evidence.isEmpty()) {
                throw new IllegalArgumentException("a failure needs evidence: " + reason);
            }
        }
    }

    record Skip(String reason) implements Outcome {
        @Override
        public List<Evidence> evidence() {
            return List.of();
        }
    }

    record Error(String reason) implements Outcome {
        @Override
        public List<Evidence> evidence() {
            return List.of();
        }
    }

    record Info(String reason, List<Evidence> evidence) implements Outcome {
        public Info {
            evidence = List.copyOf(evidence);
        }
    }

    static Outcome pass(String reason, Evidence... evidence) {
        return new Pass(reason, List.of(evidence));
    }

    static Outcome pass(String reason, List<Evidence> evidence) {
        return new Pass(reason, evidence);
    }

    static Outcome fail(String reason, Evidence... evidence) {
        return new Fail(reason, List.of(evidence), null);
    }

    static Outcome fail(String reason, List<Evidence> evidence) {
        return new Fail(reason, evidence, null);
    }

    static Outcome fail(Severity severity, String reason, List<Evidence> evidence) {
        return new Fail(reason, evidence, severity);
    }

    static Outcome skip(String reason) {
        return new Skip(reason);
    }

    static Outcome error(String reason) {
        return new Error(reason);
    }

    static Outcome info(String reason, Evidence... evidence) {
        return new Info(reason, List.of(evidence));
    }
}
