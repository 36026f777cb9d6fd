package org.vmguard.checks.image;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The image area's checks, for the catalogue. */
public final class ImageChecks {

    private ImageChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new ImageAuthorizedKeys(), new ImageCloudInit(), new ImageHistory(), new ImageHostKeys(),
                new ImagePrivateKeys());
    }
}
