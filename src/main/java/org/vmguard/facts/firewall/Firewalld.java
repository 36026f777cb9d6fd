package org.vmguard.facts.firewall;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.firewall.Ruleset.Chain;
import org.vmguard.facts.firewall.Ruleset.Match;
import org.vmguard.facts.firewall.Ruleset.PortSet;
import org.vmguard.facts.firewall.Ruleset.Rule;
import org.vmguard.facts.firewall.Ruleset.Verdict;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * firewalld: the default zone of /etc/firewalld/firewalld.conf (public when unset) and that zone's
 * XML (/etc/firewalld/zones overrides /usr/lib/firewalld/zones): its target, services and ports.
 * A zone's default target rejects what it does not allow.
 */
public final class Firewalld {

    public static final String CONF = "/etc/firewalld/firewalld.conf";

    private Firewalld() {
    }

    /** One XML element with its line. */
    public record Element(String name, Map<String, String> attributes, int line) {
    }

    /** Elements of an XML file in document order; a malformed file is a ParseError at its line. */
    public static List<Element> elements(String path, String xml) {
        List<Element> out = new ArrayList<>();
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler() {
                Locator locator;

                @Override
                public void setDocumentLocator(Locator l) {
                    locator = l;
                }

                @Override
                public void startElement(String uri, String local, String qName, Attributes a) {
                    Map<String, String> attrs = new java.util.LinkedHashMap<>();
                    for (int i = 0; i < a.getLength(); i++) {
                        attrs.put(a.getQName(i), a.getValue(i));
                    }
                    out.add(new Element(qName, attrs, locator == null ? 0 : locator.getLineNumber()));
                }
            });
        } catch (SAXParseException e) {
            throw new ParseError(path, Math.max(e.getLineNumber(), 0), "malformed XML: " + e.getMessage());
        } catch (SAXException | ParserConfigurationException | java.io.IOException e) {
            throw new ParseError(path, 0, "malformed XML: " + e.getMessage());
        }
        return out;
    }

    /** The DefaultZone= line of firewalld.conf, or "public" from no line. */
    public static Evidence defaultZone(String path, String text) {
        String[] lines = text.split("\n", -1);
        Evidence found = Evidence.note("DefaultZone=public (firewalld's default)");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("DefaultZone=")) {
                found = Evidence.at(path, i + 1, l);
            }
        }
        return found;
    }

    public static String zoneName(Evidence e) {
        return e.text().substring(e.text().indexOf('=') + 1).strip();
    }

    /**
     * The zone as a ruleset: loopback and established traffic pass (firewalld's fixed rules), then
     * the zone's services and ports, then its target.
     *
     * @param serviceXml reads a service definition by name (etc before usr/lib), empty when unknown
     */
    public static Ruleset zone(String path, String xml, Function<String, Optional<Evidence[]>> serviceXml) {
        List<Element> els = elements(path, xml);
        if (els.isEmpty() || !els.get(0).name().equals("zone")) {
            throw new ParseError(path, els.isEmpty() ? 1 : els.get(0).line(), "not a firewalld zone (no <zone>)");
        }
        String target = els.get(0).attributes().getOrDefault("target", "default");
        Ruleset.Policy policy = target.equals("ACCEPT") ? Ruleset.Policy.ACCEPT : Ruleset.Policy.DROP;
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(new Match(Set.of(), null, true, false, true), new Verdict.Accept(),
                Evidence.note("firewalld accepts loopback traffic")));
        for (Element e : els) {
            Evidence ev = Evidence.at(path, e.line(), "<" + e.name() + " " + e.attributes() + ">");
            switch (e.name()) {
                case "service" -> {
                    String name = e.attributes().getOrDefault("name", "");
                    Optional<Evidence[]> ports = serviceXml.apply(name);
                    if (ports.isPresent()) {
                        for (Evidence p : ports.get()) {
                            rules.add(portRule(path, e.line(), p.text(), ev));
                        }
                    } else if (Services.PORTS.containsKey(name)) {
                        rules.add(new Rule(new Match(Set.of("tcp"), PortSet.of(Services.PORTS.get(name)), false, false,
                                true), new Verdict.Accept(), ev));
                    }
                }
                case "port" -> rules.add(portRule(path, e.line(), e.attributes().getOrDefault("port", "") + "/"
                        + e.attributes().getOrDefault("protocol", ""), ev));
                case "rule" -> rules.add(new Rule(new Match(Set.of(), null, false, true, true), new Verdict.Accept(), ev));
                default -> {
                }
            }
        }
        return new Ruleset(path, List.of(new Chain("firewalld zone " + zoneFile(path), policy, rules,
                Evidence.at(path, els.get(0).line(), "<zone target=\"" + target + "\">"))), Map.of());
    }

    private static String zoneFile(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace(".xml", "");
    }

    /** "22/tcp" or "1000-2000/udp". */
    private static Rule portRule(String path, int line, String spec, Evidence ev) {
        int slash = spec.indexOf('/');
        String port = slash < 0 ? spec : spec.substring(0, slash);
        String proto = slash < 0 ? "" : spec.substring(slash + 1);
        PortSet ports = port.isEmpty() ? null : IptablesSave.ports(path, line, port.replace('-', ':'));
        return new Rule(new Match(proto.isEmpty() ? Set.of() : Set.of(proto), ports, false, false, true),
                new Verdict.Accept(), ev);
    }

    /** The port/protocol pairs of a service definition, as "22/tcp" evidence texts. */
    public static Evidence[] servicePorts(String path, String xml) {
        List<Evidence> out = new ArrayList<>();
        for (Element e : elements(path, xml)) {
            if (e.name().equals("port")) {
                out.add(Evidence.at(path, e.line(), e.attributes().getOrDefault("port", "") + "/"
                        + e.attributes().getOrDefault("protocol", "")));
            }
        }
        return out.toArray(Evidence[]::new);
    }
}
