package org.dsreg.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant as a user names it: by id (a GUID) or by a verified domain name ({@code contoso.com}). One parser for
 * every place that takes one (the CLI's {@code --tenant-id}, the join command, the embedding API).
 */
public sealed interface TenantRef {
    /** A DNS name of at most 253 characters: labels of letters, digits and inner hyphens, a top label of letters. */
    Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    /** The tenant by its id. */
    record Id(TenantId id) implements TenantRef {
        public Id {
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String text() {
            return id.toString();
        }
    }

    /** The tenant by one of its verified domain names, as given. */
    record Domain(String name) implements TenantRef {
        public Domain {
            Objects.requireNonNull(name, "name");
            if (!DOMAIN.matcher(name).matches()) {
                throw DsregException.invalidArgument("'" + printable(name) + "' is not a domain name");
            }
        }

        @Override
        public String text() {
            return name;
        }
    }

    /**
     * A GUID (in any of the forms {@link TenantId#parse} takes, normalised) or a domain name; anything else is an
     * {@link ErrorKind#INVALID_ARGUMENTS} failure naming the value (control characters shown as {@code ?}).
     */
    static TenantRef parse(String text) {
        Objects.requireNonNull(text, "text");
        if (TenantId.looksLikeGuid(text) || text.strip().startsWith("{")) { // {GUID}, as Windows writes them
            return new Id(TenantId.parse(text));
        }
        if (DOMAIN.matcher(text).matches()) {
            return new Domain(text);
        }
        throw DsregException.invalidArgument("'" + printable(text) + "' is neither a tenant id (GUID) nor a domain"
                + " name");
    }

    /** The text discovery and DRS are asked with: the GUID in lower case, or the domain as given. */
    String text();

    /** The tenant id, when named by id. */
    default Optional<TenantId> tenantId() {
        return this instanceof Id i ? Optional.of(i.id()) : Optional.empty();
    }

    /** The domain name, when named by domain. */
    default Optional<String> domain() {
        return this instanceof Domain d ? Optional.of(d.name()) : Optional.empty();
    }

    private static String printable(String text) {
        return Guids.printable(text);
    }
}
