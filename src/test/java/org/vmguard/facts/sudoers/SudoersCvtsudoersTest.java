package org.vmguard.facts.sudoers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/**
 * Differential test of meaning, not only validity: for random valid sudoers files, every command
 * of every rule must carry the same users, hosts, run-as users, negation and authenticate tag
 * (the NOPASSWD/PASSWD carry-over) as sudo's own parser says through {@code cvtsudoers -f json}.
 */
class SudoersCvtsudoersTest {

    static final int CASES = 250;

    @TempDir
    Path dir;

    @Test
    void everyCommandCarriesTheSameUsersHostsRunasAndTagsAsSudoSees() throws Exception {
        Path cvt = Tools.require("/usr/bin/cvtsudoers");
        Random rnd = new Random(SudoersVisudoTest.SEED + 1);
        SudoersVisudoTest gen = new SudoersVisudoTest();
        gen.dir = dir;
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String text = gen.file(rnd, i);
            if (text.contains("include")) {
                continue;
            }
            Path f = dir.resolve("c" + i);
            Files.writeString(f, text);
            Process p = new ProcessBuilder(cvt.toString(), "-f", "json", f.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Sudoers ours = Sudoers.read(f.toString(), SudoersVisudoTest.disk(), "");
            if (p.exitValue() != 0 || !ours.errors().isEmpty()) {
                continue; // validity is SudoersVisudoTest's business
            }
            JsonNode tree;
            try {
                tree = new ObjectMapper().readTree(repair(json));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                broken.add(json); // cvtsudoers 1.9.13 writes some options as invalid JSON
                continue;
            }
            compared++;
            List<String> theirs = theirs(tree);
            List<String> mine = ours(ours);
            if (!theirs.equals(mine)) {
                disagreements.add("case " + i + ":\n" + text + "cvtsudoers: " + theirs + "\nours:       " + mine);
            }
        }
        assertThat(disagreements).as("disagreements with cvtsudoers").isEmpty();
        assertThat(compared).isGreaterThan(CASES / 4);
        assertThat(broken).as("cvtsudoers output we could not read").hasSizeLessThan(CASES / 20);
    }

    /** cvtsudoers 1.9.13 writes options such as "runcwd": "/tmp" bare inside a JSON array: wrap them. */
    static String repair(String json) {
        var field = java.util.regex.Pattern.compile("^(\\s*)\"(\\w+)\": (\"(?:[^\"\\\\]|\\\\.)*\"|true|false|-?\\d+)(,?)$");
        StringBuilder out = new StringBuilder();
        java.util.Deque<Character> open = new java.util.ArrayDeque<>();
        for (String line : json.split("\n", -1)) {
            var m = field.matcher(line);
            if (!open.isEmpty() && open.peek() == '[' && m.matches()) {
                line = m.group(1) + "{\"" + m.group(2) + "\": " + m.group(3) + "}" + m.group(4);
            }
            boolean str = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && str) {
                    i++;
                } else if (c == '"') {
                    str = !str;
                } else if (!str && (c == '[' || c == '{')) {
                    open.push(c);
                } else if (!str && (c == ']' || c == '}') && !open.isEmpty()) {
                    open.pop();
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    static List<String> theirs(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode spec : root.path("User_Specs")) {
            String users = items(spec.path("User_List"));
            String hosts = items(spec.path("Host_List"));
            for (JsonNode cs : spec.path("Cmnd_Specs")) {
                String runas;
                if (cs.has("runasusers")) {
                    String r = items(cs.path("runasusers"));
                    runas = r.equals("[]") ? "[]" : r;
                } else {
                    runas = cs.has("runasgroups") ? "[]" : "default";
                }
                String auth = "-";
                for (JsonNode o : cs.path("Options")) {
                    if (o.has("authenticate")) {
                        auth = o.get("authenticate").asBoolean() ? "PASSWD" : "NOPASSWD";
                    }
                }
                for (JsonNode c : cs.path("Commands")) {
                    String name = c.has("command") ? c.get("command").asText() : c.path("cmndalias").asText();
                    out.add(users + " " + hosts + " " + runas + " " + auth + " " + (c.path("negated").asBoolean() ? "!" : "")
                            + name);
                }
            }
        }
        return out;
    }

    static String items(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : list) {
            String neg = m.path("negated").asBoolean() ? "!" : "";
            var f = m.fieldNames();
            while (f.hasNext()) {
                String k = f.next();
                if (k.equals("negated")) {
                    continue;
                }
                String v = m.get(k).asText();
                String s = switch (k) {
                    case "usergroup" -> "%" + v;
                    case "userid" -> "#" + v;
                    case "usergid" -> "%#" + v;
                    case "netgroup" -> "+" + v;
                    case "nonunixgroup" -> "%:" + v;
                    default -> v;
                };
                if (!s.isEmpty()) {
                    out.add(neg + s);
                }
            }
        }
        return out.toString();
    }

    static List<String> ours(Sudoers s) {
        List<String> out = new ArrayList<>();
        for (Rule r : s.rules()) {
            String users = members(r.users());
            for (Privilege p : r.privileges()) {
                String hosts = members(p.hosts());
                for (CmndSpec c : p.commands()) {
                    String runas = c.runasUsers() == null ? "default" : members(c.runasUsers());
                    String auth = c.tags().contains("NOPASSWD") ? "NOPASSWD" : c.tags().contains("PASSWD") ? "PASSWD" : "-";
                    Command cmd = c.command();
                    out.add(users + " " + hosts + " " + runas + " " + auth + " " + (cmd.negated() ? "!" : "") + cmd.path()
                            + (cmd.args() == null ? "" : " " + cmd.args()));
                }
            }
        }
        return out;
    }

    static String members(List<Member> ms) {
        List<String> out = new ArrayList<>();
        for (Member m : ms) {
            // sudo prints ids as numbers: #000 is #0
            String n = m.name().matches("%?#-?[0-9]+") ? m.name().replaceAll("#(-?)0*([0-9])", "#$1$2") : m.name();
            out.add((m.negated() ? "!" : "") + n);
        }
        return out.toString();
    }
}
