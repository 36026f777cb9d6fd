package org.vmguard.facts.dns;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vmguard.facts.ParseError;

/**
 * BIND's address match list semantics: elements are tried in order and the first that matches
 * decides (allow, or deny when negated with {@code !}); an ACL name or a nested list matches with
 * the verdict of its own first match. {@code localhost} and {@code localnets} name the server's
 * own addresses, which an outside client never has; {@code key} elements need a TSIG key, which
 * an anonymous client never has.
 */
public final class AddressMatchList {

    private final Map<String, NamedConf.Statement> acls;

    public AddressMatchList(Map<String, NamedConf.Statement> acls) {
        this.acls = acls;
    }

    /** The verdict for an outside client at {@code address}: allow (true), deny (false), or no match. */
    public Optional<Boolean> evaluate(List<NamedConf.Statement> elements, byte[] address) {
        return evaluate(elements, address, 0);
    }

    private Optional<Boolean> evaluate(List<NamedConf.Statement> elements, byte[] address, int depth) {
        if (depth > 32) {
            throw new ParseError(elements.isEmpty() ? "" : elements.getFirst().path(),
                    elements.isEmpty() ? 0 : elements.getFirst().line(), "ACLs refer to each other in a loop");
        }
        for (NamedConf.Statement e : elements) {
            Optional<Boolean> v = element(e, address, depth);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    private Optional<Boolean> element(NamedConf.Statement e, byte[] address, int depth) {
        List<String> w = e.words();
        if (e.block().isPresent()) {
            boolean negated = w.size() == 1 && w.getFirst().equals("!");
            return evaluate(e.block().get(), address, depth + 1).map(v -> negated != v);
        }
        if (w.isEmpty()) {
            return Optional.empty();
        }
        String first = w.getFirst();
        boolean negated = first.startsWith("!");
        String name = negated ? first.substring(1) : first;
        if (name.isEmpty() && w.size() > 1) {
            name = w.get(1);
        }
        if (name.equals("key")) {
            return Optional.empty();
        }
        Optional<Boolean> match = switch (name) {
            case "any" -> Optional.of(true);
            case "none" -> Optional.empty();
            case "localhost", "localnets" -> Optional.empty();
            default -> {
                Optional<Cidr> c = Cidr.parse(name);
                if (c.isPresent()) {
                    yield c.get().contains(address) ? Optional.of(true) : Optional.empty();
                }
                NamedConf.Statement acl = acls.get(name);
                if (acl == null) {
                    throw new ParseError(e.path(), e.line(), "undefined ACL '" + name + "'");
                }
                yield evaluate(acl.children(), address, depth + 1);
            }
        };
        return match.map(v -> negated != v);
    }
}
