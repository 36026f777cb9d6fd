package org.vmguard.cli;

import java.time.Duration;
import org.vmguard.cloud.ClientOptions;
import org.vmguard.cloud.CloudConfig;
import org.vmguard.cloud.Credentials;
import org.vmguard.cloud.OpenStackClient;
import picocli.CommandLine.Option;

/** How to reach the cloud, named as the openstack CLI names it. */
public final class CloudCommandOptions {

    @Option(names = "--os-cloud", paramLabel = "NAME", description = "the cloud of clouds.yaml to use (default: OS_CLOUD)")
    String cloud;

    @Option(names = "--os-region", paramLabel = "NAME",
            description = "the region (default: OS_REGION_NAME, the cloud's region_name, else every region of the catalog)")
    String region;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "20",
            description = "at most N API requests per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "at most N API requests at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "the longest single wait when the cloud answers 429/503, whatever its Retry-After says (default: ${DEFAULT-VALUE})")
    double maxWait;

    @Option(names = "--debug", description = "log every API call with its x-openstack-request-id to standard error")
    boolean debug;

    OpenStackClient client(CloudConfig config) {
        if (rate <= 0 || concurrency < 1) {
            throw new UsageError("--rate and --concurrency must be positive");
        }
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.log.org.vmguard.cloud", "debug");
        }
        Credentials c = config.resolve(cloud, region);
        ClientOptions o = ClientOptions.defaults().withRate(rate, (int) Math.max(1, Math.ceil(rate)))
                .withConcurrency(concurrency);
        if (maxWait <= 0) {
            throw new UsageError("--max-wait must be positive");
        }
        long ms = (long) (maxWait * 1000);
        o = o.withDelays(Duration.ofMillis(Math.min(500, ms)), Duration.ofMillis(ms));
        return new OpenStackClient(c, o);
    }
}
