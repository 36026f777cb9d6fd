package org.vmguard.probe;

/**
 * What an NTP server gave away to a management query: {@code mode} names the query ("7
 * MON_GETLIST_1" or "6 READVAR"), {@code bytes} how many bytes of UDP payload came back (the
 * amplification an attacker gets), {@code entries} the monitor list entries or the system
 * variables returned, and {@code summary} one line for evidence.
 */
public record NtpAnswer(String mode, int bytes, int entries, String summary) {
}
