package org.dsreg.adapter.drs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.CertificateValidity;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.DeviceNotFoundException;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.spi.keystorage.KeyStorage;
import org.dsreg.spi.keystorage.KeyStorageException;
import org.dsreg.spi.keystorage.SignatureScheme;

/** MS-DRS over HTTPS with OkHttp. The access token and keys never reach a message or a log. */
final class HttpDrsClient implements DeviceRegistrationService {
    /** The CN every DRS certificate request carries. */
    static final String CSR_COMMON_NAME = "7E980AD9-B86D-4306-9425-9AC066FB014A";
    /** The CSR extension that carries the nonce (MS-DRS 2.1.1.1.1). */
    static final String NONCE_OID = "1.2.840.113556.1.5.284.2.1";
    static final String DISCOVERY_API_VERSION = "1.9";
    static final String DELETE_API_VERSION = "1.0";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final DrsSettings settings;
    private final HttpClients http;
    private final ObjectMapper json = new ObjectMapper();
    private final DrsCalls calls;

    @Inject
    HttpDrsClient(DrsSettings settings, HttpClients http) {
        this.settings = settings;
        this.http = http;
        this.calls = new DrsCalls(settings.requestTimeout());
    }

    @Override
    public Discovery discover(String tenantIdOrDomain) {
        HttpUrl url = HttpUrl.get(settings.discoveryBase()).newBuilder()
                .addPathSegment(tenantIdOrDomain).addPathSegment("Discover")
                .addQueryParameter("api-version", DISCOVERY_API_VERSION).build();
        JsonNode d = call("discovery", ErrorKind.QUERY_FAILED, http.client(), get(url));
        JsonNode info = d.path("TenantInfo");
        String tenantId = text(info, "TenantId").orElseThrow(() -> malformed("discovery", "no TenantInfo.TenantId"));
        if (!TenantId.looksLikeGuid(tenantId)) {
            throw malformed("discovery", "TenantInfo.TenantId is not a GUID");
        }
        Optional<ServiceEndpoint> join = endpoint(d.path("DeviceJoinService"), "JoinEndpoint", "JoinResourceId");
        if (join.isEmpty()) {
            throw malformed("discovery", "no DeviceJoinService.JoinEndpoint");
        }
        JsonNode oauth = d.path("AuthenticationService").path("OAuth2");
        TenantDetails details = new TenantDetails(TenantId.parse(tenantId),
                text(info, "TenantName"), text(info, "DisplayName"),
                text(oauth, "AuthCodeEndpoint"), text(oauth, "TokenEndpoint"),
                Optional.empty(), Optional.empty(), Optional.empty(),
                join,
                endpoint(d.path("KeyProvisioningService"), "KeyProvisionEndpoint", "KeyProvisionResourceId"),
                endpoint(d.path("WebAuthNService"), "WebAuthNEndpoint", "WebAuthNResourceId"),
                endpoint(d.path("DeviceManagementService"), "DeviceManagementEndpoint", "DeviceManagementResourceId"));
        String host = URI.create(join.get().url()).getHost();
        return new Discovery(details, endpoint(d.path("NonceService"), "Endpoint", "ResourceId"),
                host == null ? "" : host);
    }

    @Override
    public Optional<String> nonce(Discovery discovery, AccessToken token) {
        if (discovery.nonceService().isEmpty()) {
            return Optional.empty();
        }
        ServiceEndpoint nonce = discovery.nonceService().get();
        HttpUrl url = url(nonce.url(), "nonce service").newBuilder()
                .addQueryParameter("api-version", nonce.version()).build();
        Request request = builder(url).header("Authorization", "Bearer " + token.token()).get().build();
        JsonNode reply = call("nonce", ErrorKind.QUERY_FAILED, http.client(), request);
        return Optional.of(text(reply, "Value").orElseThrow(() -> malformed("nonce", "no Value")));
    }

    @Override
    public byte[] certificateRequest(KeyStorage storage, String alias, PublicKey publicKey, Optional<String> nonce) {
        try {
            return Pkcs10.request(CSR_COMMON_NAME, publicKey, NONCE_OID, nonce,
                    data -> storage.sign(alias, SignatureScheme.RSA_PKCS1_SHA256, data));
        } catch (KeyStorageException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "cannot sign the certificate request: " + e.getMessage(), e);
        }
    }

    @Override
    public JoinReply join(Discovery discovery, AccessToken token, JoinRequest request) {
        ServiceEndpoint join = discovery.details().joinService()
                .orElseThrow(() -> malformed("discovery", "no DeviceJoinService"));
        HttpUrl url = url(join.url(), "join service").newBuilder()
                .addQueryParameter("api-version", join.version()).build();
        ObjectNode body = json.createObjectNode();
        ObjectNode csr = body.putObject("CertificateRequest");
        csr.put("Type", "pkcs10");
        csr.put("Data", Base64.getEncoder().encodeToString(request.csrDer()));
        body.put("TransportKey", Base64.getEncoder().encodeToString(TransportKeyBlob.of(request.transportKey())));
        body.put("TargetDomain", request.targetDomain());
        body.put("DeviceType", request.deviceType());
        body.put("OSVersion", request.osVersion());
        body.put("DeviceDisplayName", request.displayName());
        body.put("JoinType", request.joinType() == JoinType.REGISTERED ? 4 : 0);
        ObjectNode attributes = body.putObject("Attributes"); // strings, as every real client sends them
        attributes.put("ReuseDevice", "true");
        attributes.put("ReturnClientSid", "true");
        if (request.shared()) {
            attributes.put("SharedDevice", "true");
        }
        Request post = builder(url).header("Authorization", "Bearer " + token.token())
                .post(RequestBody.create(body.toString(), JSON)).build();
        JsonNode reply = call("join", ErrorKind.QUERY_FAILED, http.client(), post);
        JsonNode cert = reply.path("Certificate");
        String raw = text(cert, "RawBody").orElseThrow(() -> malformed("join", "no Certificate.RawBody"));
        String thumbprint = text(cert, "Thumbprint").orElseThrow(() -> malformed("join", "no Certificate.Thumbprint"));
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw malformed("join", "Certificate.RawBody is not base64");
        }
        return new JoinReply(der, thumbprint, text(reply.path("User"), "Upn"));
    }

    @Override
    public void delete(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate, KeyStorage storage,
                       String alias) {
        deviceRequest("unregistration", ErrorKind.UNREGISTRATION_FAILED, joinService, device, certificate,
                DeviceTls.of(certificate, storage, alias), true);
    }

    @Override
    public void checkDevice(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate,
                            KeyStorage storage, String alias) {
        readDevice(joinService, device, certificate, storage, alias);
    }

    /** The GET of the device's own object; {@code Enabled} absent is read as neither (DRS did not say). */
    @Override
    public DeviceObject readDevice(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate,
                                   KeyStorage storage, String alias) {
        JsonNode body = deviceRequest("device authentication", ErrorKind.QUERY_FAILED, joinService, device,
                certificate, DeviceTls.of(certificate, storage, alias), false);
        JsonNode enabled = body.path("Enabled");
        return new DeviceObject(enabled.isBoolean() ? Optional.of(enabled.asBoolean()) : Optional.empty(),
                text(body, "DisplayName"));
    }

    /**
     * A DELETE or GET of the device object over TLS with the device certificate. A 404 (or ErrorType
     * DeviceNotFound) is {@link DeviceNotFoundException} only when the server saw that certificate. A request that
     * got no answer with an expired certificate says so: a TLS server may refuse it in the handshake, which the
     * client sees as a broken connection and nothing more.
     */
    private JsonNode deviceRequest(String what, ErrorKind kind, ServiceEndpoint joinService, DeviceId device,
                                   CertificateInfo certificate, DeviceTls tls, boolean delete) {
        OkHttpClient client = deviceClient(tls);
        Request.Builder request = builder(deviceUrl(joinService, device));
        DrsCalls.Answer a;
        try {
            a = calls.send(what, kind, client, delete ? request.delete().build() : request.get().build());
        } catch (DrsException e) {
            if (certificate.validityAt(java.time.Instant.now()) != CertificateValidity.EXPIRED) {
                throw e;
            }
            throw new DrsException(kind, e.getMessage() + "; the device certificate expired " + certificate.notAfter()
                    + ", and a server may refuse an expired certificate in the TLS handshake", 0, null, null, e);
        }
        if (a.successful()) {
            return delete ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : calls.json(what, a);
        }
        DrsCalls.ErrorDetails d = calls.details(a.body());
        boolean notFound = a.status() == 404 || d.errorType().filter("DeviceNotFound"::equalsIgnoreCase).isPresent();
        if (notFound && tls.presentedIn(a.localCertificates())) {
            throw new DeviceNotFoundException(kind, DrsCalls.describe(
                    "DRS has no device " + device, a, d), a.status(), d.errorType().orElse(null),
                    d.traceId().orElse(null));
        }
        if (notFound) {
            throw new DrsException(kind, DrsCalls.describe("the server answered that"
                    + " there is no device " + device + " without asking for the device certificate, so the answer"
                    + " is not trusted", a, d), a.status(), d.errorType().orElse(null), d.traceId().orElse(null), null);
        }
        throw calls.refused(what, kind, a);
    }

    @Override
    public Probe probe(String url) {
        HttpUrl target = url(url, "service");
        Request request = builder(target).head().build();
        try (Response response = http.client().newCall(request).execute()) {
            java.util.Date date = response.headers().getDate("Date");
            return new Probe(response.code(), Optional.ofNullable(date).map(java.util.Date::toInstant));
        } catch (IOException e) {
            throw new DrsException(ErrorKind.QUERY_FAILED, "cannot reach " + target.host() + ": " + DrsCalls.oneLine(e)
                    + " (request id " + request.header("client-request-id") + ")", 0, null, null, e);
        }
    }

    private static HttpUrl deviceUrl(ServiceEndpoint joinService, DeviceId device) {
        return url(joinService.url(), "join service").newBuilder().addPathSegment(device.toString())
                .addQueryParameter("api-version", DELETE_API_VERSION).build();
    }

    /** A client that authenticates TLS with the device certificate, its key used through the key storage. */
    private OkHttpClient deviceClient(DeviceTls device) {
        SSLContext context = http.tls().context(device.keyManager());
        return http.client().newBuilder()
                .sslSocketFactory(context.getSocketFactory(), http.tls().trustManager())
                .build();
    }

    // --- HTTP ------------------------------------------------------------------------------------

    private Request get(HttpUrl url) {
        return builder(url).get().build();
    }

    private Request.Builder builder(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("Accept", "application/json")
                .header("User-Agent", DrsSettings.CLIENT_NAME + "/" + settings.clientVersion())
                .header("ocp-adrs-client-name", DrsSettings.CLIENT_NAME)
                .header("ocp-adrs-client-version", settings.clientVersion())
                .header("client-request-id", UUID.randomUUID().toString());
    }

    /** An https URL from discovery (the scheme in any case, as RFC 3986 allows); anything else is refused. */
    static HttpUrl url(String text, String what) {
        HttpUrl url = text == null ? null : HttpUrl.parse(text.strip());
        if (url == null || !url.isHttps()) {
            throw new DrsException(ErrorKind.QUERY_FAILED, "discovery gave an invalid " + what + " URL", 0, null, null,
                    null);
        }
        return url;
    }

    private JsonNode call(String what, ErrorKind failure, OkHttpClient client, Request request) {
        return calls.call(what, failure, client, request);
    }

    private static DrsException malformed(String what, String detail) {
        return DrsCalls.malformed(what, detail);
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<ServiceEndpoint> endpoint(JsonNode service, String urlField, String idField) {
        Function<String, String> t = f -> text(service, f).orElse("");
        if (t.apply(urlField).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceEndpoint(t.apply("ServiceVersion"), t.apply(urlField), t.apply(idField)));
    }
}
