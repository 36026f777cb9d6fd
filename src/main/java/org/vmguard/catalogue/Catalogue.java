package org.vmguard.catalogue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.vmguard.cloud.CloudProject;
import org.vmguard.checks.account.AccountChecks;
import org.vmguard.checks.advice.AdviceChecks;
import org.vmguard.checks.cloud.CloudChecks;
import org.vmguard.checks.fleet.FleetChecks;
import org.vmguard.checks.firewall.FirewallChecks;
import org.vmguard.checks.image.ImageChecks;
import org.vmguard.checks.keys.KeyChecks;
import org.vmguard.checks.log.LogChecks;
import org.vmguard.checks.probe.ProbeChecks;
import org.vmguard.checks.service.ServiceChecks;
import org.vmguard.checks.ssh.SshChecks;
import org.vmguard.checks.update.UpdateChecks;
import org.vmguard.checks.web.WebChecks;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.facts.Host;
import org.vmguard.probe.NetworkHost;
import org.vmguard.facts.fleet.FleetFacts;

/**
 * Every check vmguard has, in one explicit list. Each area keeps its members in its own package;
 * this class joins them and sorts by id, so the catalogue has one order everywhere.
 */
public final class Catalogue {

    private static final List<Check<Host>> HOST_CHECKS = sorted(join(
            AccountChecks.all(),
            AdviceChecks.all(),
            FirewallChecks.all(),
            ImageChecks.all(),
            KeyChecks.all(),
            LogChecks.all(),
            ServiceChecks.all(),
            SshChecks.all(),
            UpdateChecks.all(),
            WebChecks.all()));

    private static final List<Check<CloudProject>> CLOUD_CHECKS = sorted(CloudChecks.all());

    private static final List<Check<FleetFacts>> FLEET_CHECKS = sorted(FleetChecks.all());

    private static final List<Check<NetworkHost>> PROBE_CHECKS = sorted(ProbeChecks.all());

    private Catalogue() {
    }

    /** Checks that judge a whole fleet at once (audit --inventory, fleet scan), sorted by id. */
    public static List<Check<FleetFacts>> fleetChecks() {
        return FLEET_CHECKS;
    }

    /** Checks that judge a host (local, ssh or rootfs), sorted by id. */
    public static List<Check<Host>> hostChecks() {
        return HOST_CHECKS;
    }

    /** Checks that judge an OpenStack project (vmguard cloud audit), sorted by id. */
    public static List<Check<CloudProject>> cloudChecks() {
        return CLOUD_CHECKS;
    }

    /** Checks that judge what a host answers on the network (vmguard probe), sorted by id. */
    public static List<Check<NetworkHost>> probeChecks() {
        return PROBE_CHECKS;
    }

    /** The metadata of every check of every kind, sorted by id. */
    public static List<CheckInfo> all() {
        List<CheckInfo> infos = new ArrayList<>();
        HOST_CHECKS.forEach(c -> infos.add(c.info()));
        CLOUD_CHECKS.forEach(c -> infos.add(c.info()));
        FLEET_CHECKS.forEach(c -> infos.add(c.info()));
        PROBE_CHECKS.forEach(c -> infos.add(c.info()));
        infos.sort(Comparator.comparing(CheckInfo::id));
        return List.copyOf(infos);
    }

    public static Optional<CheckInfo> find(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @SafeVarargs
    private static <F> List<Check<F>> join(List<Check<F>>... areas) {
        List<Check<F>> out = new ArrayList<>();
        for (List<Check<F>> a : areas) {
            out.addAll(a);
        }
        return out;
    }

    private static <F> List<Check<F>> sorted(List<Check<F>> checks) {
        List<Check<F>> out = new ArrayList<>(checks);
        out.sort(Comparator.comparing(c -> c.info().id()));
        return List.copyOf(out);
    }
}
