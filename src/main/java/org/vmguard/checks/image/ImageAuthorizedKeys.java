package org.vmguard.checks.image;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.image.ImageContents;

public final class ImageAuthorizedKeys extends ImageFinding {

    static final CheckInfo INFO = info("image.authorized-keys", "The image holds no authorized_keys", Severity.HIGH,
            "Every VM launched from an image with keys in an authorized_keys file lets the image's author (or "
                    + "whoever holds that key) in, whoever launches it. Keys belong to the launch: cloud-init "
                    + "writes the user's key pair from the metadata service.",
            "Before snapshotting: `rm -f /root/.ssh/authorized_keys /home/*/.ssh/authorized_keys*` and "
                    + "`cloud-init clean`; publish the image only after that.",
            "Nectar image guidelines (remove keys before snapshot)", "OpenStack Virtual Machine Image Guide");

    public ImageAuthorizedKeys() {
        super(ImageContents::authorizedKeys, "authorized_keys file(s) with keys");
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }
}
