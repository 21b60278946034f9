// The project's OCMF signing and verification on the command line, for the cross-checks in
// tests/tools/ocmf_crosscheck.py (Python's cryptography and the SAFE transparency files):
//   ocmf_tool pubkey <private-hex>          the public key, hex of its DER SubjectPublicKeyInfo
//   ocmf_tool sign <private-hex>            the record of the payload on stdin
//   ocmf_tool verify <public-key-hex>       exit 0 when the record on stdin verifies, else 1
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "models/charger/ocmf.h"

using namespace hilbench::charger::ocmf;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: ocmf_tool pubkey|sign|verify <key-hex>\n";
        return 2;
    }
    const std::string cmd = argv[1], key = argv[2];
    const std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    try {
        if (cmd == "pubkey") {
            std::cout << signing_key(key).public_key_hex() << "\n";
            return 0;
        }
        if (cmd == "sign") {
            std::string p = in;
            while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
            std::cout << sign_record(p, signing_key(key)) << "\n";
            return 0;
        }
        if (cmd == "verify") {
            std::string why;
            const bool ok = verify_record(parse_record(in), key, &why);
            std::cout << (ok ? "valid" : "invalid: " + why) << "\n";
            return ok ? 0 : 1;
        }
    } catch (const std::invalid_argument& e) {
        std::cerr << "ocmf_tool: " << e.what() << "\n";
        return 2;
    }
    std::cerr << "ocmf_tool: unknown command " << cmd << "\n";
    return 2;
}
