package org.vmguard.core;

import java.util.Locale;
import java.util.Set;

/** What a report was made of. */
public enum TargetKind {
    /** This machine. */
    LOCAL,
    /** A remote host over SSH, agentless. */
    SSH,
    /** An offline root filesystem: an unpacked or mounted VM image, a chroot. */
    ROOTFS,
    /** An OpenStack project, seen through its API. */
    OPENSTACK,
    /** A host seen from the network (vmguard probe): only what it answers to a stranger. */
    NETWORK;

    public static final Set<TargetKind> HOSTS = Set.of(LOCAL, SSH, ROOTFS);
    public static final Set<TargetKind> LIVE = Set.of(LOCAL, SSH);

    public boolean live() {
        return LIVE.contains(this);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
