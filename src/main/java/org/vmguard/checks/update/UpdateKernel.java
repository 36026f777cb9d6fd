package org.vmguard.checks.update;

import java.util.Optional;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.update.Kernels;

public final class UpdateKernel implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.live("update.kernel",
            "The newest installed kernel is running", Severity.MEDIUM,
            "A kernel update is installed beside the running kernel and only protects the host after a reboot. "
                    + "Hosts that installed a fixed kernel months ago but never rebooted still run the flawed one.",
            "Reboot into the newest kernel (systemctl reboot), and check the boot loader default if the old one "
                    + "comes back: grub-set-default / grubby --default-kernel.",
            "https://wiki.debian.org/DebianKernel",
            "https://access.redhat.com/solutions/27943");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Kernels k = host.fact(Kernels.KEY);
        if (k.running().isEmpty()) {
            return Outcome.skip("the running kernel is unknown (" + Kernels.OSRELEASE + " could not be read)");
        }
        String running = k.running().get();
        if (k.installed().isEmpty()) {
            return Outcome.skip("no kernel is installed in /boot or /lib/modules (a container runs its host's kernel "
                    + running + ")");
        }
        Optional<String> newest = k.newestLike(running);
        if (newest.isEmpty()) {
            return Outcome.skip("no installed kernel has the running kernel's flavour (" + Kernels.flavour(running)
                    + "): running " + running + ", installed " + String.join(", ", k.installed()));
        }
        Evidence runningEv = Evidence.file(Kernels.OSRELEASE, running);
        Evidence newestEv = k.evidence().stream().filter(e -> e.path().endsWith("/vmlinuz-" + newest.get())
                || e.path().startsWith("/lib/modules/" + newest.get() + "/")).findFirst()
                .orElse(Evidence.note("installed kernel " + newest.get()));
        if (k.order().compare(newest.get(), running) > 0) {
            return Outcome.fail("running kernel " + running + " is older than the installed " + newest.get()
                    + ": reboot into it", runningEv, newestEv);
        }
        return Outcome.pass("the newest installed kernel " + newest.get() + " is running", runningEv);
    }
}
