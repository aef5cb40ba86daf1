package org.dsreg.application;

import static org.dsreg.application.DiagnoseService.fail;
import static org.dsreg.application.DiagnoseService.pass;
import static org.dsreg.application.DiagnoseService.skip;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.Diagnostics;
import org.dsreg.domain.Diagnostics.Outcome;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.Registration;
import org.dsreg.domain.Remedy;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.KeyStorages;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.SignatureScheme;

/**
 * The post-join tests of one of dsreg's registrations, scope the device: Certificate Validity Test, Device Key
 * Present Test, KeySignTest and DeviceAuthStatus (the device's own GET at DRS over TLS with its key). A certificate
 * that has expired or expires within 30 days, and a device DRS no longer has, are what {@code --repair} is for: their
 * remedy is the repair. A device DRS says is disabled is an administrator's to enable.
 */
final class PostJoinDiagnosis {
    private final DeviceRegistrationService drs;
    private final KeyStorages keyStorages;
    private final Clock clock;

    PostJoinDiagnosis(DeviceRegistrationService drs, KeyStorages keyStorages, Clock clock) {
        this.drs = drs;
        this.keyStorages = keyStorages;
        this.clock = clock;
    }

    /** The results for dsreg's registration {@code r}. */
    List<Diagnostics.Result> results(Registration r) {
        List<Diagnostics.Result> results = new ArrayList<>();
        tests(r, results);
        return results;
    }

    private void tests(Registration r, List<Diagnostics.Result> results) {
        String scope = "device " + r.deviceId();
        Instant now = clock.instant();
        CertificateValidity validity = r.certificate().validityAt(now);
        results.add(switch (validity) {
            case VALID -> validity(scope, r, now);
            case EXPIRED -> new Diagnostics.Result(scope, "Certificate Validity Test", Outcome.FAIL, "expired "
                    + r.certificate().notAfter(), Optional.of(new Remedy.Repair(r.tenantId())));
            case NOT_YET_VALID -> fail(scope, "Certificate Validity Test", "not valid before "
                    + r.certificate().notBefore() + " (check the clock)");
        });

        Optional<KeyStorage> storage;
        try {
            storage = keyStorages.find(r.deviceKey().storage());
        } catch (DsregException e) {
            storage = Optional.empty();
            results.add(fail(scope, "Device Key Present Test", e.getMessage()));
        }
        if (storage.isEmpty()) {
            results.add(fail(scope, "Device Key Present Test", "key storage '" + r.deviceKey().storage()
                    + "' is not available here"));
            results.add(skip(scope, "KeySignTest", "no key storage"));
            results.add(skip(scope, "DeviceAuthStatus", "no key storage"));
            return;
        }
        KeyStorage keys = storage.get();
        boolean present;
        try {
            Optional<PublicKey> key = keys.publicKey(r.deviceKey().alias());
            present = key.isPresent();
            if (!present) {
                results.add(fail(scope, "Device Key Present Test", "no key " + r.deviceKey() + " in its storage"));
            } else if (!r.certificate().certifiesKey(key.get().getEncoded())) {
                present = false;
                results.add(fail(scope, "Device Key Present Test", "the key " + r.deviceKey()
                        + " is not the certificate's"));
            } else {
                results.add(pass(scope, "Device Key Present Test", r.deviceKey() + " in "
                        + keys.protection().provider()));
            }
        } catch (DsregException e) {
            present = false;
            results.add(fail(scope, "Device Key Present Test", e.getMessage()));
        }
        if (!present) {
            results.add(skip(scope, "KeySignTest", "no usable device key"));
            results.add(skip(scope, "DeviceAuthStatus", "no usable device key"));
            return;
        }
        results.add(keySignTest(scope, r, keys));
        results.add(deviceAuth(scope, r, keys));
    }

    /** A valid certificate: PASS, or WARN when it expires within 30 days (a repair renews it). */
    private static Diagnostics.Result validity(String scope, Registration r, Instant now) {
        String detail = "valid until " + r.certificate().notAfter() + " ("
                + DiagnoseService.describe(r.certificate().timeToExpiry(now)) + " left)";
        return r.certificate().timeToExpiry(now).compareTo(RepairCheck.SOON) < 0
                ? new Diagnostics.Result(scope, "Certificate Validity Test", Outcome.WARN, detail + ": it expires"
                        + " within " + RepairCheck.SOON.toDays() + " days", Optional.of(new Remedy.Repair(r.tenantId())))
                : pass(scope, "Certificate Validity Test", detail);
    }

    /** Sign with the device key, verify with the certificate's public key. */
    private Diagnostics.Result keySignTest(String scope, Registration r, KeyStorage keys) {
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            SignatureScheme scheme = SignatureScheme.RSA_PKCS1_SHA256;
            byte[] sig = keys.sign(r.deviceKey().alias(), scheme, challenge);
            Signature verifier = scheme.newSignature();
            verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(r.certificate().publicKeyInfo())));
            verifier.update(challenge);
            return verifier.verify(sig) ? pass(scope, "KeySignTest", "PASSED")
                    : fail(scope, "KeySignTest", "the signature does not verify with the certificate's key");
        } catch (DsregException e) {
            return fail(scope, "KeySignTest", e.getMessage());
        } catch (GeneralSecurityException e) {
            return fail(scope, "KeySignTest", "cannot verify: " + e.getMessage());
        }
    }

    private Diagnostics.Result deviceAuth(String scope, Registration r, KeyStorage keys) {
        Optional<ServiceEndpoint> join = r.tenantDetails().joinService();
        if (join.isEmpty()) {
            return skip(scope, "DeviceAuthStatus", "the registration names no join service (see DRS Discovery Test)");
        }
        try {
            DeviceRegistrationService.DeviceObject device =
                    drs.readDevice(join.get(), r.deviceId(), r.certificate(), keys, r.deviceKey().alias());
            if (device.disabled()) {
                return fail(scope, "DeviceAuthStatus", "FAILED. Device is either disabled or deleted (DRS says"
                        + " device " + r.deviceId() + " is disabled: an administrator can enable it in the Microsoft"
                        + " Entra admin center)");
            }
            return pass(scope, "DeviceAuthStatus", "SUCCESS");
        } catch (DrsException e) {
            if (e instanceof DeviceNotFoundException || e.httpStatus() == 404) { // deleted: a repair joins again
                return new Diagnostics.Result(scope, "DeviceAuthStatus", Outcome.FAIL, "FAILED. Device is either"
                        + " disabled or deleted (" + e.getMessage() + ")", Optional.of(new Remedy.Repair(r.tenantId())));
            }
            if (e.httpStatus() == 403 || e.httpStatus() == 401) {
                return fail(scope, "DeviceAuthStatus", "FAILED. Device is either disabled or deleted ("
                        + e.getMessage() + ")");
            }
            return fail(scope, "DeviceAuthStatus", "FAILED. ERROR: " + e.getMessage());
        } catch (DsregException e) {
            return fail(scope, "DeviceAuthStatus", "FAILED. ERROR: " + e.getMessage());
        }
    }
}
