package org.vmguard.facts.web;

import java.util.List;
import java.util.Locale;
import org.vmguard.core.Evidence;

/**
 * One Apache directive or section ({@code <Directory /var/www/>}) with where it was written.
 * Sections keep their children; after {@link ApacheConfig} has evaluated the tree, Include lines
 * are replaced by what they include and IfModule/IfDefine sections by their contents when true.
 *
 * @param section true for {@code <Name ...>} ... {@code </Name>}
 * @param unclosed a conditional section still open at the end of its file: httpd accepts that
 *     when the condition holds and rejects it when it does not
 */
public record ApacheDirective(String name, List<String> args, String path, int line, String text,
        boolean section, List<ApacheDirective> children, boolean unclosed) {

    public ApacheDirective {
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    public ApacheDirective(String name, List<String> args, String path, int line, String text, boolean section,
            List<ApacheDirective> children) {
        this(name, args, path, line, text, section, children, false);
    }

    public boolean is(String n) {
        return name.equalsIgnoreCase(n);
    }

    public String lower() {
        return name.toLowerCase(Locale.ROOT);
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    public Evidence evidence() {
        return Evidence.at(path, line, text);
    }

    ApacheDirective withChildren(List<ApacheDirective> kids) {
        return new ApacheDirective(name, args, path, line, text, section, kids, unclosed);
    }

    ApacheDirective withArgs(List<String> a) {
        return new ApacheDirective(name, a, path, line, text, section, children, unclosed);
    }
}
