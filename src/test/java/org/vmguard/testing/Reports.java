package org.vmguard.testing;

import java.time.Instant;
import java.util.List;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.OsInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.core.Result;
import org.vmguard.core.Severity;
import org.vmguard.core.TargetKind;

/** A report with one result of every status, with hostile text in it, for renderer tests. */
public final class Reports {

    private Reports() {
    }

    public static CheckInfo info(String id, Severity s) {
        return CheckInfo.host(id, "Title of " + id + " <b>&\"", s, "why " + id, "fix " + id + " with `cmd` | pipe", "ref");
    }

    public static Report sample() {
        return new Report(new ReportTarget(TargetKind.ROOTFS, "web<01>", new OsInfo("debian", "12", "Debian GNU/Linux 12")),
                "baseline", Instant.parse("2026-11-23T09:00:00Z"), 12, List.of(
                        Result.of(info("ssh.password-auth", Severity.HIGH), Outcome.fail(
                                "PasswordAuthentication yes <script>alert(1)</script> and a very long reason that must wrap "
                                        + "around at eighty columns without losing a single word of what it says",
                                Evidence.at("/etc/ssh/sshd_config.d/50-cloud-init.conf", 1, "PasswordAuthentication yes"),
                                Evidence.command("sshd -T", "passwordauthentication yes\u0001"))),
                        Result.of(info("ssh.root-login", Severity.HIGH), Outcome.pass("PermitRootLogin no")),
                        Result.of(info("account.uid0", Severity.CRITICAL), Outcome.error("/etc/passwd: permission denied")),
                        Result.of(info("web.userdir", Severity.MEDIUM), Outcome.skip("Apache is not installed")),
                        Result.of(info("advice.social-engineering", Severity.INFO), Outcome.info("share keys safely"))));
    }
}
