import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.vmguard.probe.Probed;
import org.vmguard.probe.SshProbe;

/** Times SshProbe.kexinit and authMethods against one port: the first call in a fresh JVM, then N warm calls. */
public class ProbeSsh {
    public static void main(String[] args) {
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int n = Integer.parseInt(args[1]);
        Duration t = Duration.ofSeconds(10);
        for (String which : new String[] {"kexinit", "authMethods"}) {
            long[] ms = new long[n + 1];
            for (int i = 0; i <= n; i++) {
                long s = System.nanoTime();
                Probed<?> p = which.equals("kexinit") ? SshProbe.kexinit(at, t) : SshProbe.authMethods(at, "root", t);
                ms[i] = (System.nanoTime() - s) / 100_000; // tenths of a millisecond
                if (!(p instanceof Probed.Seen<?>)) {
                    throw new IllegalStateException(which + ": " + p);
                }
            }
            long first = ms[0];
            long[] warm = Arrays.copyOfRange(ms, 1, ms.length);
            Arrays.sort(warm);
            System.out.printf("%-12s first call %.1f ms, then %d calls: median %.1f ms, p90 %.1f ms%n", which, first / 10.0, n,
                    warm[n / 2] / 10.0, warm[(int) (n * 0.9)] / 10.0);
        }
    }
}
