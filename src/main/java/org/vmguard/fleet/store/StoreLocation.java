package org.vmguard.fleet.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the results store lives: an embedded SQLite file (the default, under the user's data
 * directory) or a PostgreSQL server ({@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB}; the
 * password may also come from PGPASSWORD). {@link #toString()} never shows the password.
 */
public sealed interface StoreLocation {

    record Sqlite(Path file) implements StoreLocation {
        @Override
        public String toString() {
            return file.toString();
        }
    }

    record Postgres(String host, int port, String database, String user, String password) implements StoreLocation {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        @Override
        public String toString() {
            return "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
        }
    }

    /** $XDG_DATA_HOME/vmguard/fleet.db, or ~/.local/share/vmguard/fleet.db. */
    static StoreLocation defaultFor(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return new Sqlite(data.resolve("vmguard").resolve("fleet.db"));
    }

    /** @throws IllegalArgumentException with a message that never contains the password */
    static StoreLocation parse(String text, Map<String, String> env, Path home) {
        if (text == null || text.isBlank()) {
            return defaultFor(env, home);
        }
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
            URI u;
            try {
                u = URI.create(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--db: not a postgresql://USER@HOST[:PORT]/DB address");
            }
            if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
                throw new IllegalArgumentException("--db: expected postgresql://USER@HOST[:PORT]/DB");
            }
            String user = null;
            String password = env.get("PGPASSWORD");
            if (u.getRawUserInfo() != null) {
                String[] ui = u.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(ui[0], StandardCharsets.UTF_8);
                if (ui.length == 2) {
                    password = URLDecoder.decode(ui[1], StandardCharsets.UTF_8);
                }
            }
            return new Postgres(u.getHost(), u.getPort() > 0 ? u.getPort() : 5432, u.getPath().substring(1), user, password);
        }
        java.util.regex.Matcher scheme = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(//.*)?").matcher(text);
        if (scheme.matches() && scheme.group(2) != null && !scheme.group(1).equalsIgnoreCase("sqlite")
                && !scheme.group(1).equalsIgnoreCase("jdbc")) {
            // a typo or another database's address would otherwise become a SQLite file under ./SCHEME:/
            throw new IllegalArgumentException("--db: '" + scheme.group(1) + "://…' is not a store vmguard knows: give a "
                    + "SQLite file or postgresql://USER@HOST[:PORT]/DB");
        }
        String file = text.startsWith("jdbc:sqlite:") ? text.substring("jdbc:sqlite:".length())
                : text.startsWith("sqlite:") ? text.substring("sqlite:".length()) : text;
        return new Sqlite(Path.of(file.startsWith("~/") ? home + file.substring(1) : file));
    }
}
