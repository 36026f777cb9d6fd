package org.vmguard.facts.apt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random APT configurations: blocks, scoped names, lists, comments, #clear, odd spacing, errors. */
final class AptConfigGenerator {

    private static final List<String> ROOTS = List.of("Unattended-Upgrade", "unattended-upgrade", "Foo", "FOO",
            "APT::Periodic");
    private static final List<String> SEGMENTS = List.of("Allowed-Origins", "Origins-Pattern", "Mail", "mail", "A",
            "b", "Enable", "Unattended-Upgrade", "Update-Package-Lists");
    private static final List<String> VALUES = List.of("1", "0", "yes", "${distro_id}:${distro_codename}-security",
            "origin=Debian,codename=${distro_codename},label=Debian-Security", "a b", "x//y", "#h", "{b}", "", "a;b",
            "/*c*/");
    private static final List<String> NAMES = List.of("01a", "10local", "20auto-upgrades", "50unattended-upgrades",
            "60x.conf", "99zz", "70skip.disabled", "80y~", "AA_b-c");

    private AptConfigGenerator() {
    }

    static Map<String, String> files(Random rnd) {
        Map<String, String> files = new LinkedHashMap<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            files.put("/etc/apt/apt.conf.d/" + pick(rnd, NAMES), text(rnd));
        }
        if (rnd.nextInt(4) == 0) {
            files.put("/etc/apt/apt.conf", text(rnd));
        }
        return files;
    }

    static String text(Random rnd) {
        StringBuilder b = new StringBuilder();
        int statements = 1 + rnd.nextInt(8);
        for (int i = 0; i < statements; i++) {
            statement(rnd, b, 0);
            b.append(pick(rnd, List.of("\n", "\n", " ", "\n\n", "\t\n", " // c\n", " # c\n")));
        }
        if (rnd.nextInt(25) == 0) {
            b.append(pick(rnd, List.of("Foo::Broken \"1\" junk;\n", "{ A \"1\"; };\n", "Foo::Open \"1\"\n",
                    "#bogus Foo;\n", "Foo { #clear Foo; };\n", "\"#clear\";\n")));
        }
        return b.toString();
    }

    private static void statement(Random rnd, StringBuilder b, int depth) {
        int kind = rnd.nextInt(depth > 0 ? 10 : 12);
        String name = depth > 0 ? path(rnd, 0) : pick(rnd, ROOTS) + (rnd.nextBoolean() ? "::" + path(rnd, 0) : "");
        switch (kind) {
            case 0, 1, 2, 3 -> b.append(name).append(sep(rnd)).append(value(rnd)).append(';');
            case 4, 5 -> {
                b.append(name).append(sep(rnd)).append('{').append(sep(rnd));
                int k = rnd.nextInt(4);
                for (int i = 0; i < k; i++) {
                    if (depth < 2 && rnd.nextInt(3) == 0) {
                        statement(rnd, b, depth + 1);
                    } else {
                        b.append(value(rnd)).append(';');
                    }
                    b.append(sep(rnd));
                }
                b.append(rnd.nextInt(6) == 0 ? "}" : "};");
            }
            case 6 -> b.append(name).append("::").append(sep(rnd)).append(value(rnd)).append(';');
            case 7 -> b.append("/* ").append(pick(rnd, List.of("x", "Foo::Hidden \"1\";", "a\nb"))).append(" */ ")
                    .append(name).append(' ').append(value(rnd)).append(';');
            case 8 -> b.append(name).append(" ").append(pick(rnd, List.of("yes", "no", "7"))).append(';');
            case 9 -> b.append(name).append("\n  ").append(value(rnd)).append("\n;");
            default -> b.append("#clear ").append(name).append(';');
        }
    }

    private static String path(Random rnd, int depth) {
        String s = pick(rnd, SEGMENTS);
        return depth < 1 && rnd.nextInt(3) == 0 ? s + "::" + path(rnd, depth + 1) : s;
    }

    private static String value(Random rnd) {
        String v = "\"" + pick(rnd, VALUES) + "\"";
        return rnd.nextInt(10) == 0 ? v + " \"" + pick(rnd, VALUES) + "\"" : v;
    }

    private static String sep(Random rnd) {
        return pick(rnd, List.of(" ", " ", "  ", "\t", "\n", " \n "));
    }

    static <T> T pick(Random rnd, List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }
}
