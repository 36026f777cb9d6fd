package org.vmguard.logs;

import java.util.List;
import org.vmguard.facts.authlog.AuthLogAnalysis;
import org.vmguard.facts.authlog.SourceAddress;

/**
 * An nftables ruleset that drops SSH from the brute-force sources: a table of its own with one
 * set per address family, for the owner to review and load with {@code nft -f}. vmguard never
 * loads it.
 */
public final class NftRules {

    public static final String TABLE = "vmguard_ssh";

    private NftRules() {
    }

    public static String render(AuthLogAnalysis a, int port) {
        List<String> v4 = a.sources().stream().filter(AuthLogAnalysis.Source::bruteForce)
                .map(AuthLogAnalysis.Source::address).filter(SourceAddress::isIpv4).sorted().toList();
        List<String> v6 = a.sources().stream().filter(AuthLogAnalysis.Source::bruteForce)
                .map(AuthLogAnalysis.Source::address).filter(SourceAddress::isIpv6).sorted().toList();
        StringBuilder sb = new StringBuilder();
        sb.append("# vmguard logs: ").append(v4.size() + v6.size()).append(" brute-force source(s) (")
                .append(a.thresholds().maxRetry()).append(" failures within ")
                .append(a.thresholds().findTime().toSeconds()).append(" s).\n");
        sb.append("# Review, then load with: nft -f FILE   (remove with: nft delete table inet ").append(TABLE).append(")\n");
        sb.append("table inet ").append(TABLE).append(" {\n");
        set(sb, "bruteforce_v4", "ipv4_addr", v4);
        set(sb, "bruteforce_v6", "ipv6_addr", v6);
        sb.append("\tchain input {\n");
        sb.append("\t\ttype filter hook input priority filter - 10; policy accept;\n");
        sb.append("\t\ttcp dport ").append(port).append(" ip saddr @bruteforce_v4 counter drop\n");
        sb.append("\t\ttcp dport ").append(port).append(" ip6 saddr @bruteforce_v6 counter drop\n");
        sb.append("\t}\n}\n");
        return sb.toString();
    }

    private static void set(StringBuilder sb, String name, String type, List<String> elements) {
        sb.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append("\n");
        if (!elements.isEmpty()) {
            sb.append("\t\telements = {");
            for (int i = 0; i < elements.size(); i++) {
                sb.append(i % 4 == 0 ? "\n\t\t\t" : " ").append(elements.get(i)).append(i + 1 < elements.size() ? "," : "");
            }
            sb.append("\n\t\t}\n");
        }
        sb.append("\t}\n");
    }
}
