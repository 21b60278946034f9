// OCMF signing and transparency checks. The signing is checked against RFC 6979's published
// vectors (A.2.5, P-256 with SHA-256), not against itself; tests/tools/ocmf_crosscheck.py
// checks the records with Python's cryptography and the SAFE transparency software's files.
#define BOOST_TEST_MODULE ocmf
#include <boost/test/unit_test.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "models/charger/ocmf.h"

using namespace hilbench::charger::ocmf;

namespace {
// RFC 6979 A.2.5
const std::string rfc_x = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
const std::string rfc_ux = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
const std::string rfc_uy = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
const std::string other_key = "0F3C5B0A7E3D2C1B4A5968778695A4B3C2D1E0F1A2B3C4D5E6F708192A3B4C5D";

payload session_page(int page, const std::string& tx, double kwh) {
    payload p;
    p.gi = "HB-AC-POST";
    p.gs = "ACP-0001";
    p.gv = "1.0.0";
    p.pg = "T" + std::to_string(page);
    p.mv = "hilbench";
    p.mm = "ACP-22";
    p.ms = "ACP-0001-M";
    p.mf = "1.0.0";
    p.is = true;
    p.il = "TRUSTED";
    p.it = "ISO14443";
    p.id = "04A1B2C3";
    p.lc = cable_loss{"cable 7", 7, 4.0, "mOhm"};
    reading r;
    r.tm = "2026-11-30T10:" + std::to_string(10 + page) + ":00,000+0000 S";
    r.tx = tx;
    r.rv = kwh;
    r.cl = 0.001 * page;
    p.rd.push_back(r);
    return p;
}

std::vector<std::string> session(const signing_key& k) {
    return {sign_record(payload_text(session_page(1, "B", 10.0)), k),
            sign_record(payload_text(session_page(2, "C", 12.5)), k),
            sign_record(payload_text(session_page(3, "C", 15.0)), k),
            sign_record(payload_text(session_page(4, "E", 17.25)), k)};
}

bool check_passes(const transaction_verdict& v, const std::string& name) {
    for (const auto& c : v.checks)
        if (c.name == name) return c.pass;
    BOOST_FAIL("no check named " + name);
    return false;
}
}  // namespace

BOOST_AUTO_TEST_CASE(rfc6979_p256_sha256_vectors) {
    const signing_key k(rfc_x);
    BOOST_TEST(k.public_key_hex() == "3059301306072A8648CE3D020106082A8648CE3D030107034200" "04" + rfc_ux + rfc_uy);
    const auto sample = k.sign_rs("sample");
    BOOST_TEST(sample.first == "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716");
    BOOST_TEST(sample.second == "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8");
    const auto test = k.sign_rs("test");
    BOOST_TEST(test.first == "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367");
    BOOST_TEST(test.second == "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083");
}

BOOST_AUTO_TEST_CASE(payload_is_compact_and_fixed_by_the_values) {
    const std::string t = payload_text(session_page(4, "E", 17.25));
    BOOST_TEST(t.rfind("{\"FV\":\"1.0\",\"GI\":\"HB-AC-POST\",\"GS\":\"ACP-0001\",\"GV\":\"1.0.0\",\"PG\":\"T4\"", 0) == 0u);
    BOOST_TEST(t.find("\"LC\":{\"LN\":\"cable 7\",\"LI\":7,\"LR\":4.000,\"LU\":\"mOhm\"}") != std::string::npos);
    BOOST_TEST(t.find("\"RV\":17.2500,\"RI\":\"1-b:1.8.0\",\"RU\":\"kWh\",\"RT\":\"AC\",\"CL\":0.0040,\"EF\":\"\",\"ST\":\"G\"") !=
               std::string::npos);
    const signing_key k(rfc_x);
    BOOST_TEST(sign_record(t, k) == sign_record(t, k));  // deterministic
}

BOOST_AUTO_TEST_CASE(a_clean_session_passes_every_check) {
    const signing_key k(rfc_x);
    transaction_options o;
    o.display_kwh = 17.250;
    o.reference_kwh = 7.24;
    o.registered_lr = 4.0;
    const auto v = check_transaction(session(k), k.public_key_hex(), o);
    for (const auto& c : v.checks) BOOST_TEST(c.pass, c.name << ": " << c.detail);
    BOOST_TEST(v.pass);
    BOOST_TEST(v.begin_value == 10.0);
    BOOST_TEST(v.end_value == 17.25);
}

BOOST_AUTO_TEST_CASE(tampering_is_caught_by_the_check_it_should_be) {
    const signing_key k(rfc_x), other(other_key);
    const std::string pub = k.public_key_hex();
    // an edited end value: the signature no longer matches
    auto edited = session(k);
    const auto at = edited[3].find("17.2500");
    edited[3].replace(at, 7, "19.2500");
    auto v = check_transaction(edited, pub);
    BOOST_TEST(!v.pass);
    BOOST_TEST(!check_passes(v, "signatures"));
    BOOST_TEST(check_passes(v, "pagination"));
    // a dropped page: every signature is valid, the pagination is not
    auto dropped = session(k);
    dropped.erase(dropped.begin() + 2);
    v = check_transaction(dropped, pub);
    BOOST_TEST(check_passes(v, "signatures"));
    BOOST_TEST(!check_passes(v, "pagination"));
    // a replayed signature: page 3's signature on page 4's payload
    auto replayed = session(k);
    const std::string sig3 = replayed[2].substr(replayed[2].rfind('|'));
    replayed[3] = replayed[3].substr(0, replayed[3].rfind('|')) + sig3;
    v = check_transaction(replayed, pub);
    BOOST_TEST(!check_passes(v, "signatures"));
    // a replayed record: page 3 again in place of page 4
    auto again = session(k);
    again[3] = again[2];
    v = check_transaction(again, pub);
    BOOST_TEST(check_passes(v, "signatures"));
    BOOST_TEST(!check_passes(v, "pagination"));
    BOOST_TEST(!check_passes(v, "begin and end"));
    // signed with another key
    auto forged = session(k);
    forged[3] = sign_record(payload_text(session_page(4, "E", 19.25)), other);
    v = check_transaction(forged, pub);
    BOOST_TEST(!check_passes(v, "signatures"));
    // plausibility: a valid session that bills more than the reference saw
    transaction_options o;
    o.reference_kwh = 6.0;
    v = check_transaction(session(k), pub, o);
    BOOST_TEST(check_passes(v, "signatures"));
    BOOST_TEST(!check_passes(v, "energy plausible against the reference"));
    // the display must show the signed end
    o = {};
    o.display_kwh = 17.260;
    BOOST_TEST(!check_passes(check_transaction(session(k), pub, o), "readings equal the display"));
    // a cable id whose resistance is not the registered cable's
    o = {};
    o.registered_lr = 6.0;
    BOOST_TEST(!check_passes(check_transaction(session(k), pub, o), "cable loss compensation matches the registered cable"));
}

// The cases of the SAFE test data sets that Chargy's documentation keeps (AGPL, so not copied
// here; see tests/data/ocmf-safe/README.md), made again with our own key: a single measurement
// is a valid signature but no transaction (it must fail), and a session of several
// measurements passes.
BOOST_AUTO_TEST_CASE(single_measurement_is_no_transaction) {
    const signing_key k(rfc_x);
    const std::vector<std::string> single = {sign_record(payload_text(session_page(1, "B", 10.0)), k)};
    const auto v = check_transaction(single, k.public_key_hex());
    BOOST_TEST(check_passes(v, "signatures"));
    BOOST_TEST(!check_passes(v, "begin and end"));
    BOOST_TEST(!v.pass);
    BOOST_TEST(check_transaction(session(k), k.public_key_hex()).pass);
    BOOST_TEST(!check_transaction({}, k.public_key_hex()).pass);  // nothing to check is no pass
}

BOOST_AUTO_TEST_CASE(malformed_records_and_keys_are_named) {
    BOOST_TEST(!parse_record("OCMF|{}").well_formed);
    BOOST_TEST(!parse_record("XYZ|{}|{\"SD\":\"00\"}").well_formed);
    BOOST_TEST(!parse_record("OCMF|{\"a\":1}|{\"SD\":\"00\"}|x").well_formed);
    BOOST_TEST(!parse_record("OCMF|not json|{\"SD\":\"00\"}").well_formed);
    BOOST_TEST(!parse_record("OCMF|{}|{\"SA\":\"ECDSA-secp256r1-SHA256\"}").well_formed);
    const signing_key k(rfc_x);
    std::string why;
    auto r = parse_record(session(k)[0]);
    BOOST_TEST(!verify_record(r, "30", &why));
    BOOST_TEST(why.find("SubjectPublicKeyInfo") != std::string::npos);
    r.sa = "RSA-SHA256";
    r.sa_given = true;
    BOOST_TEST(!verify_record(r, k.public_key_hex(), &why));
    BOOST_TEST(why.find("not an OCMF ECDSA algorithm") != std::string::npos);
    BOOST_TEST(private_key_problem(rfc_x).empty());
    BOOST_TEST(!private_key_problem("C9AF").empty());
    BOOST_TEST(!private_key_problem(std::string(64, 'G')).empty());
    BOOST_TEST(private_key_problem(std::string(64, '0')).find("zero") != std::string::npos);
    BOOST_TEST(private_key_problem(std::string(64, 'F')).find("order") != std::string::npos);
    BOOST_CHECK_THROW(signing_key(std::string(64, 'F')), std::invalid_argument);
}
