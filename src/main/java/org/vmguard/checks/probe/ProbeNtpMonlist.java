package org.vmguard.checks.probe;

import java.util.ArrayList;
import java.util.List;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.NtpAnswer;
import org.vmguard.probe.Probed;

public final class ProbeNtpMonlist implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.ntp-monlist",
            "The NTP server answers no monitor or control queries from strangers", Severity.HIGH,
            "ntpd's mode 7 MON_GETLIST answers one small packet with up to 100 large ones (NTP amplification, "
                    + "CVE-2013-5211), and mode 6 control queries give away the server's version and peers and "
                    + "amplify too. A VM that keeps time needs neither open to the world.",
            "Restrict queries: in ntp.conf 'restrict default kod nomodify notrap nopeer noquery limited' (and "
                    + "'disable monitor' on old ntpd), or use chrony or systemd-timesyncd, which serve no such "
                    + "queries; then restart the service.",
            "Nectar: Do not allow NTP monlist", "CVE-2013-5211");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        Probed<NtpAnswer> monlist = host.ntpMonlist();
        Probed<NtpAnswer> readvar = host.ntpReadvar();
        List<Evidence> answered = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if (monlist instanceof Probed.Seen<NtpAnswer> s) {
            what.add("mode 7 MON_GETLIST (" + s.value().summary() + ")");
            answered.addAll(s.evidence());
        }
        if (readvar instanceof Probed.Seen<NtpAnswer> s) {
            what.add("mode 6 READVAR (" + s.value().summary() + ")");
            answered.addAll(s.evidence());
        }
        if (!answered.isEmpty()) {
            return Outcome.fail("the NTP server on udp/123 answered " + String.join(" and ", what), answered);
        }
        for (Probed<NtpAnswer> p : List.of(monlist, readvar)) {
            if (p instanceof Probed.Failed<NtpAnswer> f) {
                return Outcome.error(f.reason());
            }
        }
        String m = ((Probed.Absent<NtpAnswer>) monlist).reason();
        String r = ((Probed.Absent<NtpAnswer>) readvar).reason();
        return Outcome.skip("nothing answered NTP monitor or control queries on udp/123 ("
                + (m.equals(r) ? m : "mode 7: " + m + "; mode 6: " + r) + "): no NTP server, or one that ignores them");
    }
}
