package org.vmguard.cli;

import java.util.concurrent.Callable;
import org.vmguard.cloud.ApiError;
import org.vmguard.cloud.CredentialError;
import org.vmguard.cloud.IncidentError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "cloud", mixinStandardHelpOptions = true, description = "Audit an OpenStack project, or quarantine a compromised server.",
        subcommands = {CloudAuditCommand.class, CloudQuarantineCommand.class, CloudReleaseCommand.class})
final class CloudCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    /** The cloud layer's errors as the exit codes of the contract: credentials 2, the API unreachable or failing 3. */
    static <T> T translated(Callable<T> body) {
        try {
            return body.call();
        } catch (CredentialError | IncidentError e) {
            throw new UsageError(e.getMessage());
        } catch (ApiError e) {
            throw new TargetError(e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
