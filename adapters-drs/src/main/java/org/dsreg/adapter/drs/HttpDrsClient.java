package org.dsreg.adapter.drs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
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
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.dsreg.domain.AccessToken;
import org.dsreg.domain.CertificateInfo;
import org.dsreg.domain.DeviceId;
import org.dsreg.domain.DsregException;
import org.dsreg.domain.ErrorKind;
import org.dsreg.domain.JoinType;
import org.dsreg.domain.ServiceEndpoint;
import org.dsreg.domain.TenantDetails;
import org.dsreg.domain.TenantId;
import org.dsreg.port.out.DeviceRegistrationService;
import org.dsreg.port.out.Discovery;
import org.dsreg.port.out.DrsException;
import org.dsreg.port.out.JoinReply;
import org.dsreg.port.out.JoinRequest;
import org.dsreg.port.out.KeyStorage;
import org.dsreg.port.out.KeyStorageException;
import org.dsreg.port.out.SignatureScheme;

/** MS-DRS over HTTPS with OkHttp. The access token and keys never reach a message or a log. */
final class HttpDrsClient implements DeviceRegistrationService {
    /** The CN every DRS certificate request carries. */
    static final String CSR_SUBJECT = "CN=7E980AD9-B86D-4306-9425-9AC066FB014A";
    /** The CSR extension that carries the nonce (MS-DRS 2.1.1.1.1). */
    static final String NONCE_OID = "1.2.840.113556.1.5.284.2.1";
    static final String DISCOVERY_API_VERSION = "1.9";
    static final String DELETE_API_VERSION = "1.0";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final DrsSettings settings;
    private final HttpClients http;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    HttpDrsClient(DrsSettings settings, HttpClients http) {
        this.settings = settings;
        this.http = http;
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
    public Optional<String> nonce(Discovery discovery) {
        if (discovery.nonceService().isEmpty()) {
            return Optional.empty();
        }
        ServiceEndpoint nonce = discovery.nonceService().get();
        HttpUrl url = url(nonce.url(), "nonce service").newBuilder()
                .addQueryParameter("api-version", nonce.version()).build();
        JsonNode reply = call("nonce", ErrorKind.QUERY_FAILED, http.client(), get(url));
        return Optional.of(text(reply, "Value").orElseThrow(() -> malformed("nonce", "no Value")));
    }

    @Override
    public byte[] certificateRequest(KeyStorage storage, String alias, PublicKey publicKey, Optional<String> nonce) {
        try {
            PKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name(CSR_SUBJECT), publicKey);
            if (nonce.isPresent()) {
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(new ASN1ObjectIdentifier(NONCE_OID), false,
                        new DEROctetString(nonce.get().getBytes(StandardCharsets.UTF_8)));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            PKCS10CertificationRequest csr = b.build(new PortSigner(storage, alias));
            return csr.getEncoded();
        } catch (IOException e) {
            throw new DsregException(ErrorKind.QUERY_FAILED, "cannot build the certificate request: " + e.getMessage(), e);
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
        ObjectNode attributes = body.putObject("Attributes");
        attributes.put("ReuseDevice", true);
        attributes.put("SharedDevice", false);
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
        OkHttpClient client = deviceClient(certificate, storage, alias);
        call("unregistration", ErrorKind.UNREGISTRATION_FAILED, client, builder(deviceUrl(joinService, device))
                .delete().build());
    }

    @Override
    public void checkDevice(ServiceEndpoint joinService, DeviceId device, CertificateInfo certificate,
                            KeyStorage storage, String alias) {
        OkHttpClient client = deviceClient(certificate, storage, alias);
        call("device authentication", ErrorKind.QUERY_FAILED, client, get(deviceUrl(joinService, device)));
    }

    @Override
    public Probe probe(String url) {
        HttpUrl target = url(url, "service");
        Request request = builder(target).head().build();
        try (Response response = http.client().newCall(request).execute()) {
            java.util.Date date = response.headers().getDate("Date");
            return new Probe(response.code(), Optional.ofNullable(date).map(java.util.Date::toInstant));
        } catch (IOException e) {
            throw new DrsException(ErrorKind.QUERY_FAILED, "cannot reach " + target.host() + ": " + oneLine(e)
                    + " (request id " + request.header("client-request-id") + ")", 0, null, null, e);
        }
    }

    private static HttpUrl deviceUrl(ServiceEndpoint joinService, DeviceId device) {
        return url(joinService.url(), "join service").newBuilder().addPathSegment(device.toString())
                .addQueryParameter("api-version", DELETE_API_VERSION).build();
    }

    /** A client that authenticates TLS with the device certificate, its key used through the key storage. */
    private OkHttpClient deviceClient(CertificateInfo certificate, KeyStorage storage, String alias) {
        PublicKey key = storage.publicKey(alias).orElseThrow(() -> new DsregException(ErrorKind.DRS_TOKEN_REQUIRED,
                "the device key " + storage.name() + ":" + alias + " is missing; DRS cannot be asked without it"));
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the device key is not an RSA key");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate.der()));
        } catch (CertificateException e) {
            throw new DsregException(ErrorKind.DRS_TOKEN_REQUIRED, "the stored device certificate is unreadable", e);
        }
        PortBackedKeys.install();
        var keyManager = new PortBackedKeys.DeviceKeyManager(cert, new PortBackedKeys.Handle(storage, alias, rsa));
        SSLContext context = http.tls().context(keyManager);
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

    private static HttpUrl url(String text, String what) {
        HttpUrl url = HttpUrl.parse(text);
        if (url == null || !url.isHttps()) {
            throw new DrsException(ErrorKind.QUERY_FAILED, "discovery gave an invalid " + what + " URL", 0, null, null,
                    null);
        }
        return url;
    }

    /** Sends a request and returns its JSON reply (an empty object for an empty body). */
    private JsonNode call(String what, ErrorKind failure, OkHttpClient client, Request request) {
        String requestId = request.header("client-request-id");
        try (Response response = client.newCall(request).execute()) {
            byte[] body = response.body() == null ? new byte[0] : response.body().bytes();
            if (!response.isSuccessful()) {
                throw refused(what, failure, response.code(), body, requestId);
            }
            if (body.length == 0) {
                return json.createObjectNode();
            }
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw malformed(what, "not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(what, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (InterruptedIOException e) {
            throw new DrsException(failure, "DRS did not answer the " + what + " request within "
                    + settings.requestTimeout().toSeconds() + " s (request id " + requestId + ")", 0, null, null, e);
        } catch (IOException e) {
            throw new DrsException(failure, "the " + what + " request to " + request.url().host() + " failed: "
                    + oneLine(e) + " (request id " + requestId + ")", 0, null, null, e);
        }
    }

    private DrsException refused(String what, ErrorKind failure, int status, byte[] body, String requestId) {
        String errorType = null;
        String message = null;
        String traceId = null;
        try {
            JsonNode n = json.readTree(body);
            if (n != null && n.isObject()) {
                errorType = text(n, "ErrorType").orElse(text(n, "error").orElse(null));
                message = text(n, "Message").orElse(text(n, "error_description").orElse(null));
                traceId = text(n, "TraceId").orElse(null);
            }
        } catch (IOException e) {
            // not JSON: the status says it all
        }
        ErrorKind kind = status == 401 && failure == ErrorKind.QUERY_FAILED ? ErrorKind.DRS_TOKEN_REQUIRED : failure;
        StringBuilder m = new StringBuilder("DRS refused the " + what + " request: HTTP " + status);
        if (errorType != null) {
            m.append(' ').append(errorType);
        }
        if (message != null) {
            m.append(": ").append(message.strip());
        }
        m.append(" (request id ").append(requestId);
        if (traceId != null) {
            m.append(", trace id ").append(traceId);
        }
        m.append(')');
        return new DrsException(kind, m.toString(), status, errorType, traceId, null);
    }

    private static DrsException malformed(String what, String detail) {
        return new DrsException(ErrorKind.QUERY_FAILED, "DRS sent a malformed " + what + " reply: " + detail, 0, null,
                null, null);
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ");
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

    /** A BouncyCastle content signer whose signature comes from the key-storage port. */
    private static final class PortSigner implements ContentSigner {
        private final KeyStorage storage;
        private final String alias;
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();

        PortSigner(KeyStorage storage, String alias) {
            this.storage = storage;
            this.alias = alias;
        }

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
        }

        @Override
        public OutputStream getOutputStream() {
            return data;
        }

        @Override
        public byte[] getSignature() {
            return storage.sign(alias, SignatureScheme.RSA_PKCS1_SHA256, data.toByteArray());
        }
    }
}
