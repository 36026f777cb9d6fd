package org.vmguard.checks.advice;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;

public final class AdviceSocialEngineering implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("advice.social-engineering",
            "Share keys and passwords safely; expect phishing", Severity.INFO,
            "Most cloud accounts are lost through people, not software: a password sent by e-mail, a private key "
                    + "shared in chat, a convincing \"your quota is full\" message asking to log in.",
            "Never send private keys or passwords by e-mail or chat; each person uses their own key pair and the "
                    + "cloud's application credentials; share secrets through a password manager or an encrypted "
                    + "channel and rotate them when someone leaves; check the sender and the address before logging "
                    + "in from a link.",
            "Nectar and Pouta VM security guidelines (phishing, sharing credentials)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        return Outcome.info("phishing and shared secrets: give each person their own SSH key and credentials, share "
                + "secrets only through a password manager or encrypted channel, and never log in from a link you "
                + "did not expect",
                Evidence.note("a private key shared once must be treated as public: replace it and remove it from "
                        + "every authorized_keys"),
                Evidence.note("OpenStack application credentials can be scoped and revoked per person and tool"));
    }
}
