package org.vmguard.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.vmguard.catalogue.Profile;
import org.vmguard.catalogue.Selection;
import org.vmguard.catalogue.Waivers;
import org.vmguard.facts.ParseError;
import org.vmguard.report.Format;
import org.vmguard.report.TextReport;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import picocli.CommandLine.Option;

/** The options common to audit-like commands, as the interface contract names them. */
public final class ReportOptions {

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "baseline",
            description = "baseline, nectar or pouta (default: ${DEFAULT-VALUE})")
    String profile;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, junit, sarif, html, markdown or prometheus (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "run only these checks or areas")
    List<String> only = List.of();

    @Option(names = "--skip", split = ",", paramLabel = "ID", description = "leave out these checks or areas")
    List<String> skip = List.of();

    @Option(names = "--waivers", paramLabel = "FILE",
            description = "a YAML list of accepted risks: id, reason, expires (YYYY-MM-DD), optional hosts pattern")
    Path waivers;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "high",
            description = "exit 1 when a check of this severity or above fails: critical, high, medium, low or none (default: ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--no-color", description = "no colours (NO_COLOR is honoured too)")
    boolean noColor;

    @Option(names = "--quiet", description = "show only failures and checks that could not be evaluated")
    boolean quiet;

    @Option(names = "--verbose", description = "show the reason and evidence of every result")
    boolean verbose;

    Selection selection(List<CheckInfo> catalogue) {
        Profile p;
        try {
            p = Profile.named(profile);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--profile: " + e.getMessage());
        }
        Selection s = new Selection(p, ids(only), ids(skip));
        try {
            s.validate(catalogue);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        return s;
    }

    private static Set<String> ids(List<String> raw) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** null for "none". */
    Severity threshold() {
        if (failOn.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--fail-on: " + e.getMessage() + " or none");
        }
    }

    Format format() {
        return Format.parse(format).orElseThrow(
                () -> new UsageError("--format: '" + format + "' is not one of " + Format.names()));
    }

    TextReport.Style style() {
        return new TextReport.Style(color(), quiet, verbose);
    }

    /** The waivers file, read and checked; a bad one is a usage error naming the file and line. */
    Waivers waivers(List<CheckInfo> catalogue) {
        if (waivers == null) {
            return Waivers.NONE;
        }
        String text;
        try {
            text = Files.readString(waivers, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UsageError("--waivers " + waivers + ": not UTF-8 text");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageError("--waivers " + waivers + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UsageError("--waivers " + waivers + ": permission denied");
        } catch (IOException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage();
            throw new UsageError("--waivers " + waivers + ": cannot read: " + why);
        }
        try {
            return Waivers.parse(waivers.toString(), text, catalogue);
        } catch (ParseError e) {
            throw new UsageError("--waivers: " + e.getMessage());
        }
    }

    boolean color() {
        return !noColor && output == null && System.getenv("NO_COLOR") == null && Terminal.isTerminal();
    }

    /** Writes to --output atomically (temporary file, then rename), or to standard output. */
    void emit(PrintStream stdout, String text) {
        emit(stdout, output, text);
    }

    /**
     * The one way commands write their report: to standard output, or to {@code output} through a
     * temporary file renamed over it (never half a report); a device or pipe (/dev/null, a FIFO,
     * a terminal) is written into, since renaming over it would replace the device.
     */
    static void emit(PrintStream stdout, Path output, String text) {
        emit(stdout, output, text, false);
    }

    /** @param ascii the text is known to be ASCII: its bytes are its chars, no encoder needed */
    static void emit(PrintStream stdout, Path output, String text, boolean ascii) {
        if (output == null) {
            // the bytes print(text) would write, in one write: print encodes through an 8 KiB
            // buffer, ~25 ms for the 7 MB report of a 1M-line log; and a text known to be ASCII
            // is copied as it is (getBytes with UTF-8 first looks at every char: ~15 ms more)
            Charset cs = stdout.charset();
            boolean asIs = ascii && (cs.equals(StandardCharsets.UTF_8) || cs.equals(StandardCharsets.US_ASCII)
                    || cs.equals(StandardCharsets.ISO_8859_1));
            byte[] bytes = text.getBytes(asIs ? StandardCharsets.ISO_8859_1 : cs);
            stdout.write(bytes, 0, bytes.length);
            stdout.flush();
            return;
        }
        try {
            Path abs = output.toAbsolutePath();
            if (Files.exists(abs) && !Files.isRegularFile(abs)) {
                Files.writeString(abs, text, StandardCharsets.UTF_8);
                return;
            }
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageError("--output " + output + ": cannot write: " + why(output.toAbsolutePath(), e));
        }
    }

    /** Why a report could not be written, naming the output or its directory, never our temporary file. */
    private static String why(Path abs, IOException e) {
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            return parent + (Files.exists(parent) ? ": not a directory" : ": no such directory");
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return parent + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse) {
            boolean output = abs.toString().equals(fse.getFile());
            String reason = fse.getReason() != null ? fse.getReason()
                    : output ? e.getClass().getSimpleName() : "cannot create a file there";
            return (output ? abs : parent) + ": " + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
