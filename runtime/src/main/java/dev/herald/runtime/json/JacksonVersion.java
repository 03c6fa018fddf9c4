package dev.herald.runtime.json;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jackson-core on the class path, which the application's dependency management picks (a Boot
 * BOM does): checked once, so that a version Herald cannot work with says so plainly instead of
 * failing later inside a codec.
 */
final class JacksonVersion {
    private static final Logger LOG = LoggerFactory.getLogger(JacksonVersion.class);

    /** {@code StreamReadConstraints}, which the envelope's nesting limit uses, came in 2.15. */
    static final Version MINIMUM = new Version(2, 15, 0, null, "com.fasterxml.jackson.core", "jackson-core");

    private JacksonVersion() {}

    private static final class Check {
        static {
            verify(PackageVersion.VERSION);
        }

        static void ensure() {}
    }

    /** Verifies the class path's jackson-core, once per class loader. */
    static void ensureSupported() {
        Check.ensure();
    }

    /**
     * Throws for a version below {@link #MINIMUM}; warns for 2.21.0 and 2.21.1, whose UTF-8 parser
     * rejects field names written as escaped surrogate pairs (an emoji in a map key, as Jackson's
     * own UTF-8 writer writes it: jackson-core #1541; the blocking parser Herald reads with is fixed
     * in 2.21.2, the non-blocking one in 2.21.3).
     */
    static void verify(Version version) {
        if (version.compareTo(MINIMUM) < 0) {
            throw new IllegalStateException(
                    "Herald needs jackson-core " + MINIMUM + " or later, but the class path has "
                            + version + "; raise the Jackson version in your dependency management (a Spring Boot BOM"
                            + " picks it: set the jackson-bom.version property)");
        }
        if (version.getMajorVersion() == 2 && version.getMinorVersion() == 21 && version.getPatchLevel() < 2) {
            LOG.warn(
                    "jackson-core {} cannot read JSON field names written as escaped surrogate pairs (emoji in map"
                            + " keys); events with such keys fail to decode. Use 2.21.2 or later.",
                    version);
        }
    }
}
