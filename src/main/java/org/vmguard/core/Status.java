package org.vmguard.core;

import java.util.Locale;

/** The result of one check on one target. */
public enum Status {
    /** Evaluated, and the target follows the guideline. */
    PASS,
    /** Evaluated, and it does not; the result carries evidence. */
    FAIL,
    /** Not applicable here, with the reason. */
    SKIP,
    /** Could not be evaluated, with the reason: never a pass. */
    ERROR,
    /** Advice that no file can prove. */
    INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
