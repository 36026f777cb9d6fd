package org.vmguard.core;

import java.time.LocalDate;

/**
 * A waiver that matched a check on this target: the result stays as it was (a waived failure is
 * still shown with its evidence) but no longer counts for the exit status, unless it expired.
 *
 * @param source the waivers file and line it came from
 */
public record Waived(String id, String reason, LocalDate expires, boolean expired, String source) {
}
