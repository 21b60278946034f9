#!/usr/bin/env python3
"""The project's OCMF records checked by implementations written by others.

1. Python's cryptography (Debian python3-cryptography) makes P-256 keys: the project derives
   the same public key (DER SubjectPublicKeyInfo) from the private scalar.
2. The project signs payloads; cryptography verifies the signatures over the exact payload
   bytes, and rejects them when one payload byte changes.
3. cryptography signs payloads (random nonces); the project's verifier accepts them, and
   rejects a changed byte and another key.
4. The SAFE transparency software's labelled OCMF files (tests/data/ocmf-safe): the project's
   verifier gives SAFE's verdict for each.

Usage: ocmf_crosscheck.py <ocmf_tool> <source-dir>; exit 77 (skipped) without cryptography.
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
except ImportError:
    print("skipped: Python's cryptography (Debian python3-cryptography) is not installed")
    sys.exit(77)

SAFE = {  # file: SAFE's verdict (see tests/data/ocmf-safe/README.md)
    "test_ocmf_keba_kcp30.xml": True,
    "test_ocmf_keba_kcp30_fail.xml": False,
    "brainpoolP256r1.xml": True,
    "Ocmf_Example_OBIS_98.8.0_2.8.0.xml": True,
    "test_ocmf_ebee_01.xml": True,
    "test_ocmf_ebee_02.xml": False,
    "VW_OCMF_load.xml": True,
    "keba_test.xml": True,
    "test_ocmf_transaction_two_values.xml": True,
}


def tool(exe, cmd, key, stdin):
    p = subprocess.run([exe, cmd, key], input=stdin, capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout.strip()


def spki_hex(public_key):
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return der.hex().upper()


def payload(n, kwh):
    return ('{"FV":"1.0","GI":"HB-DC","GS":"DC-7","GV":"1.0","PG":"T%d","MV":"hilbench","MM":"DC-60","MS":"DC-7-M",'
            '"MF":"1.0","IS":false,"IL":"NONE","IF":[],"IT":"NONE","ID":"","RD":[{"TM":"2026-11-30T10:00:00,000+0000 S",'
            '"TX":"B","RV":%.4f,"RI":"1-b:1.8.0","RU":"kWh","RT":"DC","EF":"","ST":"G"}]}' % (n, kwh))


def main():
    exe, src = sys.argv[1:3]
    failures = []
    keys = [ec.derive_private_key(int.from_bytes(os.urandom(32), "big") % (2**255) + 1, ec.SECP256R1())
            for _ in range(8)]
    for n, key in enumerate(keys):
        d = "%064X" % key.private_numbers().private_value
        rc, pub = tool(exe, "pubkey", d, "")
        if rc != 0 or pub != spki_hex(key.public_key()):
            failures.append(f"key {n}: public key {pub!r}, cryptography says {spki_hex(key.public_key())}")
            continue
        # the project signs, cryptography verifies
        text = payload(n + 1, 10.5 + n)
        rc, record = tool(exe, "sign", d, text)
        parts = record.split("|")
        if rc != 0 or len(parts) != 3 or parts[1] != text:
            failures.append(f"key {n}: record {record!r}")
            continue
        sd = bytes.fromhex(parts[2].split('"SD":"')[1].split('"')[0])
        try:
            key.public_key().verify(sd, parts[1].encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            failures.append(f"key {n}: cryptography rejects the project's signature")
        try:
            key.public_key().verify(sd, parts[1].replace("T%d" % (n + 1), "T%d" % (n + 2)).encode(),
                                    ec.ECDSA(hashes.SHA256()))
            failures.append(f"key {n}: cryptography accepts a changed payload")
        except InvalidSignature:
            pass
        # cryptography signs, the project verifies
        sig = key.sign(text.encode(), ec.ECDSA(hashes.SHA256())).hex().upper()
        theirs = 'OCMF|%s|{"SA":"ECDSA-secp256r1-SHA256","SD":"%s"}' % (text, sig)
        if tool(exe, "verify", pub, theirs)[0] != 0:
            failures.append(f"key {n}: the project rejects cryptography's signature")
        if tool(exe, "verify", pub, theirs.replace('"RV":1', '"RV":2', 1))[0] != 1:
            failures.append(f"key {n}: the project accepts a changed payload")
        other = spki_hex(keys[(n + 1) % len(keys)].public_key())
        if tool(exe, "verify", other, theirs)[0] != 1:
            failures.append(f"key {n}: the project accepts another key")
    print(f"cryptography: {len(keys)} keys, public keys, signatures both ways and tampering checked")

    data = os.path.join(src, "tests", "data", "ocmf-safe")
    for name, expected in SAFE.items():
        root = ET.parse(os.path.join(data, name)).getroot()
        results = []
        for value in root.iter("value"):
            record = "".join(value.find("signedData").itertext()).strip()
            pub = "".join("".join(value.find("publicKey").itertext()).split())
            rc, why = tool(exe, "verify", pub, record)
            results.append((rc == 0, why))
        verified = bool(results) and all(ok for ok, _ in results)
        reasons = sorted({w for _, w in results})
        print(f"SAFE {name}: {len(results)} records, {'verified' if verified else 'not verified'} "
              f"(SAFE: {'verified' if expected else 'not verified'}); {reasons}")
        if verified != expected:
            failures.append(f"SAFE {name}: the project says {verified}, SAFE says {expected}")

    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
