package org.vmguard.cloud;

import java.util.ArrayList;
import java.util.List;

/**
 * What it takes to log in to Keystone v3, as the {@code openstack} CLI takes it from clouds.yaml or
 * an openrc. {@code source} says where the values came from ("cloud 'nectar' in
 * ~/.config/openstack/clouds.yaml", "OS_* environment variables") so every message can say where
 * to fix them. Secrets are {@link Secret}s: the record's toString never shows them.
 *
 * @param region null for every region of the catalog
 * @param interfaceName public, internal or admin
 */
public record Credentials(
        String source,
        AuthType authType,
        String authUrl,
        String username,
        String userId,
        String userDomainName,
        String userDomainId,
        Secret password,
        String projectName,
        String projectId,
        String projectDomainName,
        String projectDomainId,
        String applicationCredentialId,
        String applicationCredentialName,
        Secret applicationCredentialSecret,
        String region,
        String interfaceName) {

    public enum AuthType {
        PASSWORD, APPLICATION_CREDENTIAL
    }

    /** @throws CredentialError naming every setting that is missing and where it should be */
    public Credentials validated(String how) {
        List<String> missing = new ArrayList<>();
        if (blank(authUrl)) {
            missing.add(how.equals("env") ? "OS_AUTH_URL" : "auth.auth_url");
        }
        switch (authType) {
            case PASSWORD -> {
                if (blank(username) && blank(userId)) {
                    missing.add(how.equals("env") ? "OS_USERNAME" : "auth.username");
                }
                if (password == null) {
                    missing.add(how.equals("env") ? "OS_PASSWORD" : "auth.password");
                }
                if (blank(projectName) && blank(projectId)) {
                    missing.add(how.equals("env") ? "OS_PROJECT_NAME or OS_PROJECT_ID" : "auth.project_name or auth.project_id");
                }
            }
            case APPLICATION_CREDENTIAL -> {
                if (blank(applicationCredentialId) && (blank(applicationCredentialName) || (blank(username) && blank(userId)))) {
                    missing.add(how.equals("env") ? "OS_APPLICATION_CREDENTIAL_ID"
                            : "auth.application_credential_id");
                }
                if (applicationCredentialSecret == null) {
                    missing.add(how.equals("env") ? "OS_APPLICATION_CREDENTIAL_SECRET"
                            : "auth.application_credential_secret");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new CredentialError(source + ": missing " + String.join(", ", missing));
        }
        if (!authUrl.startsWith("http://") && !authUrl.startsWith("https://")) {
            throw new CredentialError(source + ": auth_url '" + authUrl + "' is not an http(s) URL");
        }
        if (!List.of("public", "internal", "admin").contains(interfaceName)) {
            throw new CredentialError(source + ": interface '" + interfaceName + "' is not public, internal or admin");
        }
        return this;
    }

    /** The same credentials with another region (from --os-region). */
    public Credentials withRegion(String r) {
        return new Credentials(source, authType, authUrl, username, userId, userDomainName, userDomainId, password,
                projectName, projectId, projectDomainName, projectDomainId, applicationCredentialId,
                applicationCredentialName, applicationCredentialSecret, r, interfaceName);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
