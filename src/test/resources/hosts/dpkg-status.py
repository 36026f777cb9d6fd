#!/usr/bin/env python3
"""Writes a dpkg status file for the named packages from this Debian machine's own records.

A package installed here is taken from `dpkg -s`; one that is not comes from `apt-cache show`
(its first, newest candidate) with the archive-only fields dropped and the status added, as
dpkg writes it after installing. Used by make-fixtures.sh; the output is committed.
"""
import subprocess
import sys

ARCHIVE_ONLY = ("Filename", "Size", "MD5sum", "SHA256", "SHA1", "Description-md5", "Tag",
                "Task", "Homepage", "Status")
ORDER = ("Package", "Status", "Priority", "Section", "Installed-Size", "Maintainer",
         "Architecture", "Multi-Arch", "Source", "Version", "Replaces", "Provides", "Depends",
         "Pre-Depends", "Recommends", "Suggests", "Breaks", "Conflicts", "Conffiles",
         "Description")


def stanza(text):
    fields, key = {}, None
    for line in text.splitlines():
        if not line:
            break
        if line[0] in " \t" and key:
            fields[key] += "\n" + line
        else:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def record(pkg):
    installed = subprocess.run(["dpkg", "-s", pkg], capture_output=True, text=True)
    if installed.returncode == 0 and "Status: install ok installed" in installed.stdout:
        return stanza(installed.stdout)
    shown = subprocess.run(["apt-cache", "show", pkg], capture_output=True, text=True, check=True)
    fields = stanza(shown.stdout)
    for k in ARCHIVE_ONLY:
        fields.pop(k, None)
    fields["Status"] = "install ok installed"
    return fields


def main(pkgs):
    out = []
    for pkg in pkgs:
        f = record(pkg)
        # Only the description's first line: the long text adds nothing the checks read.
        if "Description" in f:
            f["Description"] = f["Description"].split("\n")[0]
        keys = [k for k in ORDER if k in f] + [k for k in f if k not in ORDER]
        out.append("\n".join(f"{k}: {f[k]}" if not f[k].startswith("\n") else f"{k}:{f[k]}"
                             for k in keys))
    sys.stdout.write("\n\n".join(out) + "\n\n")


if __name__ == "__main__":
    main(sys.argv[1:])
