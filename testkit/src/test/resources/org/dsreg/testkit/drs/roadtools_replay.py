#!/usr/bin/env python3
"""Registers and deletes a device the way ROADtools does, against a DRS (the emulator in tests).

The requests carry the fields of dirkjanm/ROADtools roadlib/roadtools/roadlib/deviceauth.py
(register_device, Windows branch; delete_device), built here with the same libraries,
python3-requests and python3-cryptography. Written for dsreg's tests from that field list.

Usage: roadtools_replay.py BASE_URL CA_PEM TOKEN_FILE WORK_DIR
Prints one JSON line {"join": status, "deviceId": id, "delete": status}; exit 0 when both are 200.
"""
import base64
import json
import os
import struct
import sys

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

CSR_CN = "7E980AD9-B86D-4306-9425-9AC066FB014A"


def minimal_big_endian(value):
    return value.to_bytes((value.bit_length() + 7) // 8, "big")


def rsa1_blob(public_key):
    """BCRYPT_RSAKEY_BLOB of a public key: magic, five little-endian lengths, exponent, modulus."""
    numbers = public_key.public_numbers()
    exponent = minimal_big_endian(numbers.e)
    modulus = minimal_big_endian(numbers.n)
    header = struct.pack("<4s5I", b"RSA1", public_key.key_size, len(exponent), len(modulus), 0, 0)
    return header + exponent + modulus


def main(base, ca_pem, token_file, work_dir):
    with open(token_file, encoding="ascii") as f:
        token = f.read().strip()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, CSR_CN)]))
           .sign(key, hashes.SHA256()))
    os_version = "10.0.19041.928"
    body = {
        "CertificateRequest": {
            "Type": "pkcs10",
            "Data": base64.b64encode(csr.public_bytes(serialization.Encoding.DER)).decode("ascii"),
        },
        "TransportKey": base64.b64encode(rsa1_blob(key.public_key())).decode("ascii"),
        "TargetDomain": "iminyour.cloud",
        "DeviceType": "Windows",
        "OSVersion": os_version,
        "DeviceDisplayName": "DESKTOP-REPLAY01",
        "JoinType": 0,
        "attributes": {
            "ReuseDevice": "true",
            "ReturnClientSid": "true",
            "MSA-DDID": base64.b64encode(b"device-ticket").decode("ascii"),
        },
    }
    headers = {
        "User-Agent": "Dsreg/10.0 (Windows %s)" % os_version,
        "Authorization": "Bearer " + token,
        "Content-Type": "application/json",
    }
    joined = requests.post(base + "/EnrollmentServer/device/?api-version=2.0", json=body, headers=headers,
                           verify=ca_pem, timeout=30)
    result = {"join": joined.status_code}
    if joined.status_code == 200:
        cert = x509.load_der_x509_certificate(base64.b64decode(joined.json()["Certificate"]["RawBody"]))
        device_id = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        cert_path = os.path.join(work_dir, "device.pem")
        key_path = os.path.join(work_dir, "device.key")
        with open(cert_path, "wb") as f:
            f.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(key_path, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                      serialization.NoEncryption()))
        os.chmod(key_path, 0o600)
        # delete_device: no api-version, no header, the device certificate for TLS client authentication
        deleted = requests.delete(base + "/EnrollmentServer/device/" + device_id, cert=(cert_path, key_path),
                                  verify=ca_pem, timeout=30)
        result.update({"deviceId": device_id, "delete": deleted.status_code})
    else:
        result["body"] = joined.text
    print(json.dumps(result))
    return 0 if result.get("join") == 200 and result.get("delete") == 200 else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
