package org.vmguard.facts.firewall;

import org.vmguard.checks.firewall.FirewallActive;
import org.vmguard.checks.firewall.FirewallDefaultDeny;
import org.vmguard.checks.firewall.FirewallSshLockout;
import org.vmguard.core.Outcome;
import org.vmguard.facts.Host;
import org.vmguard.target.LocalTarget;

/**
 * Run in a child JVM inside a test network namespace: audits "this machine" (that namespace)
 * through the real LocalTarget, so the loaded ruleset is read with `nft -j list ruleset` as on a
 * live host, and prints one line per result.
 */
public final class LiveFirewallProbe {

    private LiveFirewallProbe() {
    }

    public static void main(String[] args) {
        Host host = new Host(new LocalTarget());
        Firewall fw = host.fact(Firewall.KEY);
        System.out.println("loaded " + fw.loaded().map(Ruleset::source).orElse("none: " + fw.loadedNote()));
        for (var check : java.util.List.of(new FirewallActive(), new FirewallDefaultDeny(), new FirewallSshLockout())) {
            Outcome o = check.evaluate(host);
            System.out.println(check.info().id() + " " + o.getClass().getSimpleName() + " " + o.reason());
        }
    }
}
