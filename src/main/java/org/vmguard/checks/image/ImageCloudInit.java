package org.vmguard.checks.image;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.image.ImageContents;

public final class ImageCloudInit implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("image.cloud-init",
            "cloud-init can fetch keys from the cloud", Severity.MEDIUM,
            "On an OpenStack cloud the user's key pair reaches a new VM only through cloud-init reading the "
                    + "metadata service (OpenStack) or the config drive (ConfigDrive). Without them the image "
                    + "needs baked-in keys or passwords, which image.authorized-keys forbids.",
            "`apt install cloud-init` (or `dnf install cloud-init`); remove /etc/cloud/cloud-init.disabled; "
                    + "include the datasources: `datasource_list: [ ConfigDrive, OpenStack, None ]` in "
                    + "/etc/cloud/cloud.cfg.d/90_dpkg.cfg (`dpkg-reconfigure cloud-init` on Debian).",
            "OpenStack Virtual Machine Image Guide (cloud-init)", "cloud-init datasources documentation");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        if (host.kind().live()) {
            return Outcome.info(ImageFinding.LIVE);
        }
        ImageContents.CloudInit c = host.fact(ImageContents.CLOUD_INIT);
        if (!c.installed()) {
            return Outcome.fail("cloud-init is not installed", Evidence.note("no /usr/bin/cloud-init and no /etc/cloud/cloud.cfg"));
        }
        if (c.disabled().isPresent()) {
            return Outcome.fail("cloud-init is disabled", c.disabled().get());
        }
        if (c.datasourcesFrom().isEmpty()) {
            return Outcome.pass("cloud-init is installed and tries every datasource, OpenStack and ConfigDrive among them");
        }
        if (c.datasources().contains("OpenStack") || c.datasources().contains("ConfigDrive")) {
            return Outcome.pass("cloud-init's datasources include OpenStack or ConfigDrive", c.datasourcesFrom().get());
        }
        return Outcome.fail("cloud-init's datasource_list has neither OpenStack nor ConfigDrive: it cannot fetch keys "
                + "on an OpenStack cloud", c.datasourcesFrom().get());
    }
}
