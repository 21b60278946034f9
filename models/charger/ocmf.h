// Signed meter values in the Open Charge Metering Format (OCMF 1.x): the records a charger
// signs and the checks transparency software makes on them.
//
// A record is `OCMF|<payload>|<signature>`. The signature is ECDSA over SHA-256 of the payload
// bytes exactly as they stand between the pipes; a verifier never re-serialises the payload.
// The charger signs with ECDSA-secp256r1-SHA256 and a deterministic nonce (RFC 6979), so that a
// scenario and its seed give byte-identical records. Verification accepts every ECDSA curve
// of OCMF's table 22 that OpenSSL knows, with the public key as hex of its DER
// SubjectPublicKeyInfo, the form registers and the SAFE transparency software use.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hilbench::charger::ocmf {

// A P-256 private key given as 64 hex digits (the scalar d, 1 <= d < n): a device parameter.
class signing_key {
public:
    // std::invalid_argument with the reason when the text is not such a key
    explicit signing_key(const std::string& private_hex);
    ~signing_key();
    signing_key(signing_key&&) noexcept;
    signing_key& operator=(signing_key&&) noexcept;
    // hex (upper case) of the DER SubjectPublicKeyInfo: what goes into the key register
    const std::string& public_key_hex() const { return m_public_hex; }
    // DER ECDSA-Sig-Value over SHA-256 of the message, deterministic (RFC 6979), as hex
    std::string sign_hex(const std::string& message) const;
    // the signature's (r, s) as 64 hex digits each (for the RFC 6979 vectors)
    std::pair<std::string, std::string> sign_rs(const std::string& message) const;

private:
    struct impl;
    std::unique_ptr<impl> m;
    std::string m_public_hex;
};

// Why a text is not a P-256 private key, or empty when it is one.
std::string private_key_problem(const std::string& private_hex);

// The payload fields the charger writes. Numbers are written with the stated decimals, so the
// payload text is fixed by the values (no float formatting in the signed bytes).
struct reading {
    std::string tm;     // "2026-11-30T10:15:00,000+0000 S" (time, sync state U/I/S/R)
    std::string tx;     // B begin, C charging, T tariff change, E end, ...
    double rv = 0;      // the value, in ru
    int rv_decimals = 4;
    std::string ri = "1-b:1.8.0";  // OBIS: energy import
    std::string ru = "kWh";
    std::string rt = "AC";         // AC or DC
    std::optional<double> cl;      // cumulated cable loss since B, in ru
    std::string ef;                // error flags: "" none, "E" energy, "t" time
    std::string st = "G";          // meter state: G good
};

struct cable_loss {
    std::string ln;         // naming
    int li = 0;             // identification (cable id)
    double lr = 0;          // resistance
    std::string lu = "mOhm";
};

struct payload {
    std::string gi, gs, gv;  // gateway: id, serial, version
    std::string pg;          // "T<n>"
    std::string mv, mm, ms, mf;  // meter: vendor, model, serial, firmware
    bool is = false;         // identification status
    std::string il = "NONE", it = "NONE", id;
    std::vector<std::string> if_ = {"RFID_NONE", "OCPP_NONE", "ISO15118_NONE", "PLMN_NONE"};
    std::string cf;                 // charge controller firmware (optional)
    std::optional<cable_loss> lc;   // cable-loss compensation (optional)
    std::string ct, ci;             // charge point id type, id (optional)
    std::vector<reading> rd;
};

// The payload text (compact JSON, fields in OCMF's order).
std::string payload_text(const payload& p);
// A whole record: OCMF|payload|{"SA":"ECDSA-secp256r1-SHA256","SD":"..."}.
std::string sign_record(const std::string& payload_json, const signing_key& key);

// A record taken apart. `payload` is the exact text between the pipes.
struct parsed_record {
    bool well_formed = false;
    std::string problem;  // why it is not well formed
    std::string payload, signature_text;
    std::string sa = "ECDSA-secp256r1-SHA256", se = "hex", sd;
    bool sa_given = false;  // without SA the key's own curve decides (as transparency software does)
};
parsed_record parse_record(const std::string& text);

// Is the signature of the record valid for the public key (hex of DER SPKI)? On false, `why`
// says what failed (unknown algorithm, bad key, bad encoding, mismatch).
bool verify_record(const parsed_record& r, const std::string& public_key_hex, std::string* why = nullptr);

// The transparency check of one transaction, as OCMF's verification rules and the German
// field method state them. Each check carries its verdict and what it saw.
struct check_result {
    std::string name, detail;
    bool pass = false;
};
struct transaction_options {
    std::optional<double> display_kwh;     // the charger's display at the end of the session
    std::optional<double> reference_kwh;   // the reference meter's energy of the same session
    double plausibility_pct = 2.0;         // |signed - reference| / reference at most [M]
    std::optional<double> registered_lr;   // the registered cable's resistance (in the record's LU)
};
struct transaction_verdict {
    std::vector<check_result> checks;
    bool pass = false;
    double begin_value = 0, end_value = 0;  // of the first and last record's first reading
};
transaction_verdict check_transaction(const std::vector<std::string>& records, const std::string& public_key_hex,
                                      const transaction_options& opt = {});

}  // namespace hilbench::charger::ocmf
