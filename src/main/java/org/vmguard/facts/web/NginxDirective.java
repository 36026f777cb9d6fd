package org.vmguard.facts.web;

import java.util.List;
import org.vmguard.core.Evidence;

/**
 * One nginx directive with where it was written; a block directive ({@code server { ... }}) keeps
 * its children. After {@link NginxConfig} has read the files, include lines are replaced by what
 * they include.
 */
public record NginxDirective(String name, List<String> args, String path, int line, boolean block,
        List<NginxDirective> children) {

    public NginxDirective {
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    public String text() {
        String s = args.isEmpty() ? name : name + " " + String.join(" ", args);
        s = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return block ? s + " {" : s + ";";
    }

    public Evidence evidence() {
        return Evidence.at(path, line, text());
    }

    NginxDirective withChildren(List<NginxDirective> kids) {
        return new NginxDirective(name, args, path, line, block, kids);
    }
}
