package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Files held in memory, for parser tests that need no disk. */
final class MemorySource implements SshdConfigReader.Source {

    final Map<String, String> files = new TreeMap<>();

    MemorySource put(String path, String text) {
        files.put(path, text);
        return this;
    }

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public List<String> list(String dir) {
        String prefix = dir.endsWith("/") ? dir : dir + "/";
        List<String> out = new ArrayList<>();
        for (String p : files.keySet()) {
            if (p.startsWith(prefix)) {
                String rest = p.substring(prefix.length());
                String name = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
                if (!out.contains(name)) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    @Override
    public boolean isDirectory(String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return files.keySet().stream().anyMatch(p -> p.startsWith(prefix));
    }

    SshdConfig parse(String main) {
        return SshdConfig.parse(this, main, files.get(main), OpensshVersion.parse("OpenSSH_9.2", "test"));
    }
}
