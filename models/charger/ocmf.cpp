#include "models/charger/ocmf.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>

namespace hilbench::charger::ocmf {
namespace {

// the order n of P-256
constexpr const char* p256_order = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";

template <class T, void (*F)(T*)>
struct deleter {
    void operator()(T* p) const { F(p); }
};
using bn_ptr = std::unique_ptr<BIGNUM, deleter<BIGNUM, BN_free>>;
using bn_ctx_ptr = std::unique_ptr<BN_CTX, deleter<BN_CTX, BN_CTX_free>>;
using group_ptr = std::unique_ptr<EC_GROUP, deleter<EC_GROUP, EC_GROUP_free>>;
using point_ptr = std::unique_ptr<EC_POINT, deleter<EC_POINT, EC_POINT_free>>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY, EVP_PKEY_free>>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using sig_ptr = std::unique_ptr<ECDSA_SIG, deleter<ECDSA_SIG, ECDSA_SIG_free>>;

using bytes = std::vector<unsigned char>;

std::string hex_of(const unsigned char* p, std::size_t n) {
    static const char* d = "0123456789ABCDEF";
    std::string s(2 * n, '0');
    for (std::size_t k = 0; k < n; ++k) {
        s[2 * k] = d[p[k] >> 4];
        s[2 * k + 1] = d[p[k] & 15];
    }
    return s;
}

bool bytes_of_hex(const std::string& h, bytes& out) {
    if (h.size() % 2) return false;
    out.clear();
    auto nib = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t k = 0; k < h.size(); k += 2) {
        const int a = nib(h[k]), b = nib(h[k + 1]);
        if (a < 0 || b < 0) return false;
        out.push_back(static_cast<unsigned char>(a * 16 + b));
    }
    return true;
}

bool bytes_of_base64(const std::string& t, bytes& out) {
    if (t.empty() || t.size() % 4) return false;
    out.assign(t.size() / 4 * 3, 0);
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(t.data()), int(t.size()));
    if (n < 0) return false;
    std::size_t pad = 0;
    if (t[t.size() - 1] == '=') ++pad;
    if (t[t.size() - 2] == '=') ++pad;
    out.resize(std::size_t(n) - pad);
    return true;
}

std::array<unsigned char, 32> sha256(const std::string& m) {
    std::array<unsigned char, 32> h{};
    unsigned int len = 0;
    EVP_Digest(m.data(), m.size(), h.data(), &len, EVP_sha256(), nullptr);
    return h;
}

std::array<unsigned char, 32> hmac(const std::array<unsigned char, 32>& key, const bytes& data) {
    std::array<unsigned char, 32> out{};
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), int(key.size()), data.data(), data.size(), out.data(), &len);
    return out;
}

void put32(bytes& b, const BIGNUM* x) {
    unsigned char buf[32];
    BN_bn2binpad(x, buf, 32);
    b.insert(b.end(), buf, buf + 32);
}

// the curve OpenSSL names for each OCMF signature algorithm (table 22, all with SHA-256)
const std::map<std::string, std::string>& curves() {
    static const std::map<std::string, std::string> m = {
        {"ECDSA-secp192k1-SHA256", "secp192k1"},      {"ECDSA-secp256k1-SHA256", "secp256k1"},
        {"ECDSA-secp192r1-SHA256", "prime192v1"},     {"ECDSA-secp256r1-SHA256", "prime256v1"},
        {"ECDSA-brainpool256r1-SHA256", "brainpoolP256r1"}, {"ECDSA-secp384r1-SHA256", "secp384r1"},
        {"ECDSA-brainpool384r1-SHA256", "brainpoolP384r1"},
        // the spelling of OpenSSL's curve names, found in records from the field
        {"ECDSA-brainpoolP256r1-SHA256", "brainpoolP256r1"}, {"ECDSA-brainpoolP384r1-SHA256", "brainpoolP384r1"}};
    return m;
}

std::string fixed(double v, int decimals) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", decimals, v);
    std::string s = b;
    if (s == "-0" || s.rfind("-0.", 0) == 0) {  // no negative zero in signed text
        bool zero = true;
        for (char c : s)
            if (c >= '1' && c <= '9') zero = false;
        if (zero) s.erase(0, 1);
    }
    return s;
}

std::string quoted(const std::string& s) { return nlohmann::json(s).dump(); }

// a field as text whatever its JSON type (records from the field write numbers as strings too)
std::string text_of(const nlohmann::json& o, const char* key) {
    if (!o.is_object() || !o.contains(key)) return "";
    const auto& v = o[key];
    return v.is_string() ? v.get<std::string>() : v.dump();
}

double number_of(const nlohmann::json& o, const char* key) {
    if (!o.is_object() || !o.contains(key)) return NAN;
    const auto& v = o[key];
    if (v.is_number()) return v.get<double>();
    if (v.is_string()) {
        const std::string t = v.get<std::string>();
        char* end = nullptr;
        const double d = std::strtod(t.c_str(), &end);
        return end && *end == 0 && !t.empty() ? d : NAN;
    }
    return NAN;
}

double in_kwh(const nlohmann::json& rd) {
    const double v = number_of(rd, "RV");
    return text_of(rd, "RU") == "Wh" ? v / 1000 : v;
}

}  // namespace

struct signing_key::impl {
    group_ptr group{EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1)};
    bn_ptr d{BN_new()}, n{BN_new()};
};

std::string private_key_problem(const std::string& h) {
    if (h.size() != 64) return "expected 64 hex digits (a P-256 private key), got " + std::to_string(h.size()) + " characters";
    bytes b;
    if (!bytes_of_hex(h, b)) return "expected hex digits only";
    BIGNUM* d = nullptr;
    BIGNUM* n = nullptr;
    BN_hex2bn(&d, h.c_str());
    BN_hex2bn(&n, p256_order);
    const bool zero = BN_is_zero(d), big = BN_cmp(d, n) >= 0;
    BN_free(d);
    BN_free(n);
    if (zero) return "expected a P-256 private key, got zero";
    if (big) return "expected a P-256 private key below the curve order n, got one at or above it";
    return "";
}

signing_key::signing_key(const std::string& private_hex) : m(std::make_unique<impl>()) {
    const std::string problem = private_key_problem(private_hex);
    if (!problem.empty()) throw std::invalid_argument(problem);
    BIGNUM* d = m->d.get();
    BIGNUM* n = m->n.get();
    BN_hex2bn(&d, private_hex.c_str());
    BN_hex2bn(&n, p256_order);
    // Q = d G, as the uncompressed point, into an EVP_PKEY for its SubjectPublicKeyInfo
    bn_ctx_ptr ctx(BN_CTX_new());
    point_ptr q(EC_POINT_new(m->group.get()));
    EC_POINT_mul(m->group.get(), q.get(), m->d.get(), nullptr, nullptr, ctx.get());
    unsigned char pub[65];
    const std::size_t pub_len =
        EC_POINT_point2oct(m->group.get(), q.get(), POINT_CONVERSION_UNCOMPRESSED, pub, sizeof pub, ctx.get());
    OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, pub_len);
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX* pctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_fromdata_init(pctx) <= 0 || EVP_PKEY_fromdata(pctx, &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
        throw std::runtime_error("OpenSSL could not build the P-256 public key");
    pkey_ptr owned(key);
    EVP_PKEY_CTX_free(pctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    unsigned char* der = nullptr;
    const int der_len = i2d_PUBKEY(key, &der);
    m_public_hex = hex_of(der, std::size_t(der_len));
    OPENSSL_free(der);
}

signing_key::~signing_key() = default;
signing_key::signing_key(signing_key&&) noexcept = default;
signing_key& signing_key::operator=(signing_key&&) noexcept = default;

std::pair<std::string, std::string> signing_key::sign_rs(const std::string& message) const {
    // RFC 6979 3.2 with HMAC-SHA256; qlen = hlen = 256, so bits2int is the plain integer
    const auto h1 = sha256(message);
    bn_ctx_ptr ctx(BN_CTX_new());
    bn_ptr z(BN_bin2bn(h1.data(), 32, nullptr)), zr(BN_new());
    BN_nnmod(zr.get(), z.get(), m->n.get(), ctx.get());
    bytes seed;
    put32(seed, m->d.get());
    put32(seed, zr.get());
    std::array<unsigned char, 32> v, k;
    v.fill(0x01);
    k.fill(0x00);
    auto step = [&](unsigned char sep, bool with_seed) {
        bytes data(v.begin(), v.end());
        data.push_back(sep);
        if (with_seed) data.insert(data.end(), seed.begin(), seed.end());
        k = hmac(k, data);
        v = hmac(k, bytes(v.begin(), v.end()));
    };
    step(0x00, true);
    step(0x01, true);
    point_ptr rp(EC_POINT_new(m->group.get()));
    bn_ptr kk(BN_new()), x(BN_new()), r(BN_new()), s(BN_new()), kinv(BN_new()), t(BN_new());
    for (;;) {
        v = hmac(k, bytes(v.begin(), v.end()));
        BN_bin2bn(v.data(), 32, kk.get());
        if (!BN_is_zero(kk.get()) && BN_cmp(kk.get(), m->n.get()) < 0) {
            EC_POINT_mul(m->group.get(), rp.get(), kk.get(), nullptr, nullptr, ctx.get());
            EC_POINT_get_affine_coordinates(m->group.get(), rp.get(), x.get(), nullptr, ctx.get());
            BN_nnmod(r.get(), x.get(), m->n.get(), ctx.get());
            if (!BN_is_zero(r.get())) {
                // s = k^-1 (z + r d) mod n
                BN_mod_inverse(kinv.get(), kk.get(), m->n.get(), ctx.get());
                BN_mod_mul(t.get(), r.get(), m->d.get(), m->n.get(), ctx.get());
                BN_mod_add(t.get(), t.get(), zr.get(), m->n.get(), ctx.get());
                BN_mod_mul(s.get(), kinv.get(), t.get(), m->n.get(), ctx.get());
                if (!BN_is_zero(s.get())) break;
            }
        }
        step(0x00, false);
    }
    bytes rb, sb;
    put32(rb, r.get());
    put32(sb, s.get());
    return {hex_of(rb.data(), 32), hex_of(sb.data(), 32)};
}

std::string signing_key::sign_hex(const std::string& message) const {
    const auto [rh, sh] = sign_rs(message);
    BIGNUM* r = nullptr;
    BIGNUM* s = nullptr;
    BN_hex2bn(&r, rh.c_str());
    BN_hex2bn(&s, sh.c_str());
    sig_ptr sig(ECDSA_SIG_new());
    ECDSA_SIG_set0(sig.get(), r, s);
    unsigned char* der = nullptr;
    const int len = i2d_ECDSA_SIG(sig.get(), &der);
    std::string out = hex_of(der, std::size_t(len));
    OPENSSL_free(der);
    return out;
}

std::string payload_text(const payload& p) {
    std::string o = "{\"FV\":\"1.0\",\"GI\":" + quoted(p.gi) + ",\"GS\":" + quoted(p.gs) + ",\"GV\":" + quoted(p.gv) +
                    ",\"PG\":" + quoted(p.pg) + ",\"MV\":" + quoted(p.mv) + ",\"MM\":" + quoted(p.mm) +
                    ",\"MS\":" + quoted(p.ms) + ",\"MF\":" + quoted(p.mf) + ",\"IS\":" + (p.is ? "true" : "false") +
                    ",\"IL\":" + quoted(p.il) + ",\"IF\":[";
    for (std::size_t k = 0; k < p.if_.size(); ++k) o += (k ? "," : "") + quoted(p.if_[k]);
    o += "],\"IT\":" + quoted(p.it) + ",\"ID\":" + quoted(p.id);
    if (!p.cf.empty()) o += ",\"CF\":" + quoted(p.cf);
    if (p.lc) {
        o += ",\"LC\":{";
        if (!p.lc->ln.empty()) o += "\"LN\":" + quoted(p.lc->ln) + ",";
        o += "\"LI\":" + std::to_string(p.lc->li) + ",\"LR\":" + fixed(p.lc->lr, 3) + ",\"LU\":" + quoted(p.lc->lu) + "}";
    }
    if (!p.ct.empty()) o += ",\"CT\":" + quoted(p.ct) + ",\"CI\":" + quoted(p.ci);
    o += ",\"RD\":[";
    for (std::size_t k = 0; k < p.rd.size(); ++k) {
        const reading& r = p.rd[k];
        o += std::string(k ? "," : "") + "{\"TM\":" + quoted(r.tm) + ",\"TX\":" + quoted(r.tx) +
             ",\"RV\":" + fixed(r.rv, r.rv_decimals) + ",\"RI\":" + quoted(r.ri) + ",\"RU\":" + quoted(r.ru) +
             ",\"RT\":" + quoted(r.rt);
        if (r.cl) o += ",\"CL\":" + fixed(*r.cl, r.rv_decimals);
        o += ",\"EF\":" + quoted(r.ef) + ",\"ST\":" + quoted(r.st) + "}";
    }
    return o + "]}";
}

std::string sign_record(const std::string& payload_json, const signing_key& key) {
    return "OCMF|" + payload_json + "|{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + key.sign_hex(payload_json) + "\"}";
}

parsed_record parse_record(const std::string& text_in) {
    parsed_record r;
    std::string text = text_in;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (text.rfind("OCMF|", 0) != 0) {
        r.problem = "expected a record starting with OCMF|";
        return r;
    }
    const std::size_t second = text.find('|', 5);
    if (second == std::string::npos) {
        r.problem = "expected OCMF|<payload>|<signature>, found one pipe";
        return r;
    }
    if (text.find('|', second + 1) != std::string::npos) {
        r.problem = "expected three sections, found a pipe inside a section";
        return r;
    }
    r.payload = text.substr(5, second - 5);
    r.signature_text = text.substr(second + 1);
    const auto pj = nlohmann::json::parse(r.payload, nullptr, false);
    if (pj.is_discarded() || !pj.is_object()) {
        r.problem = "expected the payload to be a JSON object";
        return r;
    }
    const auto sj = nlohmann::json::parse(r.signature_text, nullptr, false);
    if (sj.is_discarded() || !sj.is_object() || !sj.contains("SD") || !sj["SD"].is_string()) {
        r.problem = "expected the signature section to be a JSON object with SD";
        return r;
    }
    r.sd = sj["SD"].get<std::string>();
    if (sj.contains("SA") && sj["SA"].is_string()) {
        r.sa = sj["SA"].get<std::string>();
        r.sa_given = true;
    }
    if (sj.contains("SE") && sj["SE"].is_string()) r.se = sj["SE"].get<std::string>();
    r.well_formed = true;
    return r;
}

bool verify_record(const parsed_record& r, const std::string& public_key_hex, std::string* why) {
    auto fail = [&](const std::string& w) {
        if (why) *why = w;
        return false;
    };
    if (!r.well_formed) return fail(r.problem);
    const auto curve = curves().find(r.sa);
    if (curve == curves().end()) return fail("signature algorithm " + r.sa + " is not an OCMF ECDSA algorithm");
    bytes sig;
    if (r.se == "hex") {
        if (!bytes_of_hex(r.sd, sig)) return fail("SD is not hex");
    } else if (r.se == "base64") {
        if (!bytes_of_base64(r.sd, sig)) return fail("SD is not base64");
    } else {
        return fail("signature encoding " + r.se + " is neither hex nor base64");
    }
    bytes der;
    if (!bytes_of_hex(public_key_hex, der) || der.empty()) return fail("the public key is not hex");
    const unsigned char* p = der.data();
    pkey_ptr key(d2i_PUBKEY(nullptr, &p, long(der.size())));
    if (!key || p != der.data() + der.size()) return fail("the public key is not a DER SubjectPublicKeyInfo");
    char group[64] = {0};
    std::size_t glen = 0;
    if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &glen) != 1)
        return fail("the public key is not an EC key");
    if (r.sa_given && curve->second != group)
        return fail("the key is on " + std::string(group) + ", the record says " + r.sa);
    bool known = false;
    for (const auto& [name, g] : curves()) known = known || g == group;
    if (!known) return fail("the key's curve " + std::string(group) + " is not one of OCMF's");
    md_ctx_ptr ctx(EVP_MD_CTX_new());
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return fail("OpenSSL could not set up the verification");
    const int ok = EVP_DigestVerify(ctx.get(), sig.data(), sig.size(),
                                    reinterpret_cast<const unsigned char*>(r.payload.data()), r.payload.size());
    if (ok != 1) return fail("the signature does not match the payload and key");
    if (why) why->clear();
    return true;
}

transaction_verdict check_transaction(const std::vector<std::string>& records, const std::string& public_key_hex,
                                      const transaction_options& opt) {
    transaction_verdict v;
    auto add = [&](const std::string& name, bool pass, const std::string& detail) {
        v.checks.push_back({name, detail, pass});
    };
    std::vector<parsed_record> parsed;
    std::vector<nlohmann::json> data;
    std::string bad_form;
    for (std::size_t k = 0; k < records.size(); ++k) {
        parsed.push_back(parse_record(records[k]));
        if (!parsed.back().well_formed && bad_form.empty())
            bad_form = "record " + std::to_string(k + 1) + ": " + parsed.back().problem;
        data.push_back(parsed.back().well_formed ? nlohmann::json::parse(parsed.back().payload) : nlohmann::json::object());
    }
    add("records", !records.empty() && bad_form.empty(),
        records.empty() ? "no records" : bad_form.empty() ? std::to_string(records.size()) + " records, all well formed" : bad_form);
    // signatures
    std::string bad_sig;
    int valid = 0;
    for (std::size_t k = 0; k < parsed.size(); ++k) {
        std::string why;
        if (verify_record(parsed[k], public_key_hex, &why)) ++valid;
        else if (bad_sig.empty()) bad_sig = "record " + std::to_string(k + 1) + ": " + why;
    }
    add("signatures", !records.empty() && valid == int(records.size()),
        std::to_string(valid) + " of " + std::to_string(records.size()) + " valid" + (bad_sig.empty() ? "" : "; " + bad_sig));
    // begin and end
    auto readings = [&](std::size_t k) {
        const auto& d = data[k];
        return d.contains("RD") && d["RD"].is_array() ? d["RD"] : nlohmann::json::array();
    };
    std::string first_tx, last_tx;
    if (!records.empty()) {
        const auto a = readings(0), b = readings(records.size() - 1);
        if (!a.empty()) first_tx = text_of(a.front(), "TX");
        if (!b.empty()) last_tx = text_of(b.back(), "TX");
        if (!a.empty()) v.begin_value = in_kwh(a.front());
        if (!b.empty()) v.end_value = in_kwh(b.back());
    }
    add("begin and end", first_tx == "B" && last_tx == "E", "first TX '" + first_tx + "', last TX '" + last_tx + "'");
    // pagination
    std::string gap;
    long prev = -1;
    for (std::size_t k = 0; k < data.size() && gap.empty(); ++k) {
        const std::string pg = text_of(data[k], "PG");
        long n = -1;
        if (pg.size() >= 2 && pg[0] == 'T' && pg.find_first_not_of("0123456789", 1) == std::string::npos &&
            (pg.size() == 2 || pg[1] != '0'))
            n = std::stol(pg.substr(1));
        if (n < 0) gap = "record " + std::to_string(k + 1) + ": PG '" + pg + "' is not T<n>";
        else if (prev >= 0 && n != prev + 1)
            gap = "record " + std::to_string(k + 1) + ": T" + std::to_string(n) + " after T" + std::to_string(prev);
        prev = n;
    }
    add("pagination", gap.empty() && !records.empty(), gap.empty() ? "continuous" : gap);
    // one meter
    std::string ms0, other;
    for (std::size_t k = 0; k < data.size(); ++k) {
        const std::string ms = text_of(data[k], "MS");
        if (k == 0) ms0 = ms;
        else if (ms != ms0 && other.empty()) other = "record " + std::to_string(k + 1) + ": MS '" + ms + "'";
    }
    add("same meter", !ms0.empty() && other.empty(), other.empty() ? "MS '" + ms0 + "' throughout" : "MS '" + ms0 + "', then " + other);
    // error flags and meter state
    std::string flagged;
    for (std::size_t k = 0; k < data.size() && flagged.empty(); ++k)
        for (const auto& rd : readings(k)) {
            const std::string ef = text_of(rd, "EF"), st = rd.contains("ST") ? text_of(rd, "ST") : "G";
            if (!ef.empty() || st != "G") {
                flagged = "record " + std::to_string(k + 1) + ": EF '" + ef + "', ST '" + st + "'";
                break;
            }
        }
    add("no error flags", flagged.empty(), flagged.empty() ? "EF empty and ST G throughout" : flagged);
    char b[160];
    if (opt.display_kwh) {
        const bool eq = std::fabs(v.end_value - *opt.display_kwh) < 0.0005 + 1e-9;
        std::snprintf(b, sizeof b, "signed end %.4f kWh, display %.3f kWh", v.end_value, *opt.display_kwh);
        add("readings equal the display", eq, b);
    }
    if (opt.reference_kwh) {
        const double signed_kwh = v.end_value - v.begin_value;
        const double dev = *opt.reference_kwh > 0 ? (signed_kwh - *opt.reference_kwh) / *opt.reference_kwh * 100 : NAN;
        std::snprintf(b, sizeof b, "signed %.4f kWh against reference %.4f kWh: %+.3f %% (at most %.2f %%)", signed_kwh,
                      *opt.reference_kwh, dev, opt.plausibility_pct);
        add("energy plausible against the reference", std::fabs(dev) <= opt.plausibility_pct, b);
    }
    if (opt.registered_lr) {
        std::string seen = "no LC";
        bool ok = false;
        if (!data.empty() && data.back().contains("LC") && data.back()["LC"].is_object()) {
            const auto& lc = data.back()["LC"];
            const double lr = number_of(lc, "LR");
            std::snprintf(b, sizeof b, "LR %.3f %s against the registered %.3f", lr, text_of(lc, "LU").c_str(),
                          *opt.registered_lr);
            seen = b;
            ok = std::fabs(lr - *opt.registered_lr) <= 1e-9;
        }
        add("cable loss compensation matches the registered cable", ok, seen);
    }
    v.pass = true;
    for (const auto& c : v.checks) v.pass = v.pass && c.pass;
    return v;
}

}  // namespace hilbench::charger::ocmf
