package org.vmguard.checks.image;

import java.util.List;
import java.util.function.Function;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.facts.Host;
import org.vmguard.facts.image.ImageContents;

/**
 * The image checks that fail when some files are present: each member names which files and
 * what they are. On a live host such files are expected (it has booted and been used), so the
 * result is info.
 */
abstract class ImageFinding implements Check<Host> {

    static final String LIVE = "image checks judge offline images (`vmguard audit --root DIR`); on a running host "
            + "these files are expected";

    private final Function<ImageContents, List<Evidence>> found;
    private final String what;

    ImageFinding(Function<ImageContents, List<Evidence>> found, String what) {
        this.found = found;
        this.what = what;
    }

    @Override
    public Outcome evaluate(Host host) {
        if (host.kind().live()) {
            return Outcome.info(LIVE);
        }
        List<Evidence> ev = found.apply(host.fact(ImageContents.KEY));
        if (ev.isEmpty()) {
            return Outcome.pass("the image holds no " + what);
        }
        return Outcome.fail("the image holds " + ev.size() + " " + what, ev);
    }

    /** Shorthand for members' metadata. */
    static CheckInfo info(String id, String title, org.vmguard.core.Severity sev, String rationale, String fix,
            String... refs) {
        return CheckInfo.host(id, title, sev, rationale, fix, refs);
    }
}
