"""The PRT session-key cryptography redone with Python's `cryptography` (Debian python3-cryptography), for
SessionKeyCryptoPythonIT. Reads one JSON request on stdin, writes one JSON answer on stdout. Bytes travel as hex."""
import base64
import hashlib
import hmac
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, padding as blockpad
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.kbkdf import CounterLocation, KBKDFHMAC, Mode
from cryptography.hazmat.primitives.serialization import load_der_public_key

LABEL = b"AzureAD-SecureConversation"


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def kbkdf(key, context):
    # SP 800-108 counter mode: HMAC-SHA256, 4-byte counter before the fixed input, 4-byte length, one block
    return KBKDFHMAC(algorithm=hashes.SHA256(), mode=Mode.CounterMode, length=32, rlen=4, llen=4,
                     location=CounterLocation.BeforeFixed, label=LABEL, context=context, fixed=None).derive(key)


def kbkdf_v2(key, ctx, payload):
    return kbkdf(key, hashlib.sha256(ctx + payload).digest())


def verify_jws(token, key):
    head, body, sig = token.split(".")
    header = json.loads(unb64url(head))
    ctx = base64.b64decode(header["ctx"], validate=True)
    payload = unb64url(body)
    derived = kbkdf_v2(key, ctx, payload) if header.get("kdf_ver") == 2 else kbkdf(key, ctx)
    mac = hmac.new(derived, (head + "." + body).encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(mac, unb64url(sig)):
        raise ValueError("signature does not verify")
    return {"alg": header["alg"], "kdf_ver": header.get("kdf_ver"), "payload": payload.hex()}


def open_reply(token, key):
    head, enc_key, iv, ciphertext, tag = token.split(".")
    header = json.loads(unb64url(head))
    derived = kbkdf(key, base64.b64decode(header["ctx"], validate=True))
    iv = unb64url(iv)
    if len(iv) == 12:
        return AESGCM(derived).decrypt(iv, unb64url(ciphertext) + unb64url(tag), head.encode("ascii")).hex()
    decryptor = Cipher(algorithms.AES(derived), modes.CBC(iv)).decryptor()
    padded = decryptor.update(unb64url(ciphertext)) + decryptor.finalize()
    unpadder = blockpad.PKCS7(128).unpadder()
    return (unpadder.update(padded) + unpadder.finalize()).hex()


def seal_replies(key, ctx, plaintext):
    head = b64url(json.dumps({"alg": "dir", "enc": "A256GCM", "ctx": base64.b64encode(ctx).decode("ascii")})
                  .encode("ascii"))
    derived = kbkdf(key, ctx)
    iv = os.urandom(12)
    sealed = AESGCM(derived).encrypt(iv, plaintext, head.encode("ascii"))
    gcm = ".".join([head, "", b64url(iv), b64url(sealed[:-16]), b64url(sealed[-16:])])
    iv = os.urandom(16)
    padder = blockpad.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(derived), modes.CBC(iv)).encryptor()
    body = encryptor.update(padder.update(plaintext) + padder.finalize()) + encryptor.finalize()
    cbc = ".".join([head, "", b64url(iv), b64url(body), ""])
    return {"gcm": gcm, "cbc": cbc}


def session_key_jwe(public_der):
    transport = load_der_public_key(public_der)
    session_key = os.urandom(32)
    wrapped = transport.encrypt(session_key, padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()),
                                                          algorithm=hashes.SHA1(), label=None))
    head = b64url(b'{"enc":"A256GCM","alg":"RSA-OAEP"}')
    iv = os.urandom(12)
    sealed = AESGCM(session_key).encrypt(iv, b" ", None)
    jwe = ".".join([head, b64url(wrapped), b64url(iv), b64url(sealed[:-16]), b64url(sealed[-16:])])
    return {"jwe": jwe, "session_key": session_key.hex()}


def main():
    request = json.load(sys.stdin)
    h = bytes.fromhex
    answer = {
        "kdf": [kbkdf(h(c["key"]), h(c["context"])).hex() for c in request["kdf"]],
        "kdf_v2": [kbkdf_v2(h(c["key"]), h(c["ctx"]), h(c["payload"])).hex() for c in request["kdf_v2"]],
        "jws": [verify_jws(c["jws"], h(c["key"])) for c in request["jws"]],
        "open": [open_reply(c["jwe"], h(c["key"])) for c in request["open"]],
        "seal": seal_replies(h(request["seal"]["key"]), h(request["seal"]["ctx"]), h(request["seal"]["plaintext"])),
        "session_key_jwe": session_key_jwe(base64.b64decode(request["session_key_jwe"]["public_der"])),
    }
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
