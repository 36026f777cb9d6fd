package org.vmguard.checks.image;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.image.ImageContents;

public final class ImageHostKeys extends ImageFinding {

    static final CheckInfo INFO = info("image.host-keys", "The image holds no SSH host private keys", Severity.HIGH,
            "Host keys baked into an image are shared by every VM launched from it: anyone with one VM (or the "
                    + "image) can impersonate all the others, and users learn to ignore host-key warnings.",
            "Before snapshotting: `rm -f /etc/ssh/ssh_host_*` (cloud-init or the ssh service regenerates them on "
                    + "first boot: `dpkg-reconfigure openssh-server` / `ssh-keygen -A`).",
            "OpenStack Virtual Machine Image Guide", "Nectar image guidelines");

    public ImageHostKeys() {
        super(ImageContents::hostKeys, "SSH host private key(s)");
    }

    @Override
    public CheckInfo info() {
        return INFO;
    }
}
