package org.vmguard.probe;

/**
 * What a DNS server said to one recursive query: its response code, the RA and AA flags, how
 * many records the answer section held, and a one-line summary for evidence ("NOERROR, RA,
 * 1 answer: www.example.org. 300 A 192.0.2.7").
 */
public record DnsAnswer(int rcode, String rcodeName, boolean recursionAvailable, boolean authoritative, int answers,
        String summary) {

    /**
     * An open resolver: it answered the recursive query with data it is not authoritative for
     * (NOERROR, RA set, AA clear, at least one answer).
     */
    public boolean recursed() {
        return rcode == 0 && recursionAvailable && !authoritative && answers > 0;
    }
}
