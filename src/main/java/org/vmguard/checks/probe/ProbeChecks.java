package org.vmguard.checks.probe;

import java.util.List;

import org.vmguard.core.Check;
import org.vmguard.probe.NetworkHost;

/** The probe area: what a host answers to a stranger on the network (vmguard probe). */
public final class ProbeChecks {

    private ProbeChecks() {
    }

    public static List<Check<NetworkHost>> all() {
        return List.of(new ProbeDnsOpenResolver(), new ProbeHttpDefaultPage(), new ProbeNtpMonlist(),
                new ProbeRiskyPort(), new ProbeSmtpOpenRelay(), new ProbeSshOutdated(), new ProbeSshPassword(),
                new ProbeSshWeakCrypto(), new ProbeWeakTls());
    }
}
