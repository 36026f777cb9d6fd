package org.vmguard.core;

/**
 * One check: a pure function of facts. It never opens a file, runs a command or opens a socket;
 * it reads what the facts object {@code F} already gathered (a host, a cloud project, a fleet).
 */
public interface Check<F> {

    CheckInfo info();

    Outcome evaluate(F facts);
}
