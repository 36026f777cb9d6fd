package org.vmguard.facts.firewall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.firewall.Ruleset.Chain;
import org.vmguard.facts.firewall.Ruleset.Match;
import org.vmguard.facts.firewall.Ruleset.Rule;
import org.vmguard.facts.firewall.Ruleset.Verdict;

/**
 * ufw's on-disk state: ENABLED in /etc/ufw/ufw.conf, DEFAULT_INPUT_POLICY in /etc/default/ufw,
 * and the user rules in /etc/ufw/user.rules (iptables-save format). ufw's fixed before.rules
 * accept loopback and established traffic ahead of the user rules.
 */
public final class Ufw {

    public static final String CONF = "/etc/ufw/ufw.conf";
    public static final String DEFAULTS = "/etc/default/ufw";
    public static final String USER_RULES = "/etc/ufw/user.rules";

    private Ufw() {
    }

    /** KEY=value lines with their evidence, quotes removed, the last one winning (the file is sourced by sh). */
    public static Map<String, Evidence> shellVars(String path, String text) {
        Map<String, Evidence> out = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            int eq = l.indexOf('=');
            if (l.startsWith("#") || eq <= 0 || !l.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            out.put(l.substring(0, eq), Evidence.at(path, i + 1, l));
        }
        return out;
    }

    public static String value(Evidence e) {
        String v = e.text().substring(e.text().indexOf('=') + 1).strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** ufw's input path: fixed rules, then ufw-user-input, then the default policy. */
    public static Ruleset ruleset(Evidence policyLine, IptablesSave.Tables user) {
        String pol = value(policyLine);
        Ruleset.Policy policy = pol.equalsIgnoreCase("ACCEPT") ? Ruleset.Policy.ACCEPT : Ruleset.Policy.DROP;
        Map<String, Chain> chains = new LinkedHashMap<>(user.tables().getOrDefault("filter", Map.of()));
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(new Match(Set.of(), null, true, false, true), new Verdict.Accept(),
                Evidence.note("ufw's before.rules accept loopback traffic")));
        rules.add(new Rule(new Match(Set.of(), null, false, false, false), new Verdict.Accept(),
                Evidence.note("ufw's before.rules accept established traffic")));
        if (chains.containsKey("ufw-user-input")) {
            rules.add(new Rule(Match.ANY, new Verdict.Jump("ufw-user-input", false),
                    Evidence.note("ufw jumps to ufw-user-input")));
        }
        Chain input = new Chain("ufw input", policy, rules, policyLine);
        return new Ruleset(USER_RULES, List.of(input), chains);
    }
}
