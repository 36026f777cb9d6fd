package org.vmguard.checks.image;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.image.ImageContents;

public final class ImagePrivateKeys extends ImageFinding {

    static final CheckInfo INFO = info("image.private-keys", "The image holds no user private keys", Severity.HIGH,
            "A private key left in ~/.ssh of an image travels to everyone who can launch it; with it they reach "
                    + "every server that key opens.",
            "Remove the keys before snapshotting (`rm ~/.ssh/id_*` for each user and root, keeping the .pub only "
                    + "if needed), and rotate them: remove the public half from every authorized_keys it was in.",
            "OpenStack Virtual Machine Image Guide", "Nectar image guidelines");

    public ImagePrivateKeys() {
        super(ImageContents::privateKeys, "private key file(s)");
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }
}
