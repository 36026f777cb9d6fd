package org.vmguard.report;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.testing.Golden;

class CatalogueDocTest {

    @Test
    void committedDocsMatchTheChecksMetadata() {
        Golden.assertMatches(Path.of("docs/checks.md"), CatalogueDoc.markdown(Catalogue.all()));
    }
}
