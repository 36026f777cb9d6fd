package org.vmguard.checks.image;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.image.ImageContents;

public final class ImageHistory extends ImageFinding {

    static final CheckInfo INFO = info("image.history", "The image holds no shell or database history",
            Severity.MEDIUM,
            "Histories record the commands used to build the image: passwords passed on command lines, database "
                    + "credentials, internal host names. Everyone who launches the image can read them.",
            "Before snapshotting: `rm -f /root/.*_history /home/*/.*_history` (bash, zsh, mysql, psql, python, "
                    + "sqlite, redis-cli), then `history -c` in the shell that does it, or `unset HISTFILE`.",
            "OpenStack Virtual Machine Image Guide", "Nectar image guidelines");

    public ImageHistory() {
        super(ImageContents::histories, "history file(s)");
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }
}
