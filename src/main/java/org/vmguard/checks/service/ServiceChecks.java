package org.vmguard.checks.service;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The service, mail, dns, ntp and db areas' checks, for the catalogue. */
public final class ServiceChecks {

    private ServiceChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new DbExposed(), new DnsOpenRecursion(), new MailLocalOnly(), new MailNoServer(),
                new MailOpenRelay(), new NtpMonlist(), new ServicePlaintext(), new ServiceRiskyExposed(),
                new ServiceUnneeded());
    }
}
