#include "harness/detect/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <set>

#include "harness/campaign/summary.h"
#include "harness/detect/charts.h"
#include "models/core/errors.h"

namespace hilbench::detect {
namespace {

using json = nlohmann::json;

const std::vector<std::string> classes = {"NORMAL", "DRIFT", "FAULT", "TAMPER", "THEFT", "CHEAT"};

int seriousness(const std::string& label) {
    const auto it = std::find(classes.begin(), classes.end(), label);
    return it == classes.end() ? 0 : int(it - classes.begin());
}

// A score ranks as detections.csv writes it, to 12 significant digits: two scores apart in their
// last bits only (one statistic reached along different floating-point paths) tie, as they do
// for anyone who ranks the CSV. No score ranks below one without evidence.
double rank_score(double s) {
    if (!std::isfinite(s)) return -std::numeric_limits<double>::infinity();
    char b[32];
    std::snprintf(b, sizeof b, "%.12g", s);
    return std::strtod(b, nullptr);
}

json num(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Seconds of a point along a time-like chart condition ("time_s", "hour_start_h"); NaN for
// any other condition.
double seconds_of(const std::string& quantity, double v) {
    const auto ends = [&](const std::string& suf) {
        return quantity.size() > suf.size() && quantity.compare(quantity.size() - suf.size(), suf.size(), suf) == 0;
    };
    if (ends("_s")) return v;
    if (ends("_h")) return v * 3600;
    return std::nan("");
}

// Detection delay: over the anomalous runs (any class but NORMAL) whose chart alarmed along a
// time, the time from the anomaly's onset to the alarm. An alarm before the onset is a false
// alarm that happened to precede it: counted apart, not as a negative delay.
json delay(const std::vector<const finding*>& fs, const std::map<std::string, ground_truth>& truth) {
    std::vector<double> d;
    std::size_t early = 0;
    for (const finding* f : fs) {
        const ground_truth& g = truth.at(f->run);
        if (!f->alarm || g.cls == "NORMAL" || !std::isfinite(g.onset_s)) continue;
        const double at = seconds_of(f->alarm_quantity, f->alarm_at);
        if (!std::isfinite(at)) continue;
        if (at < g.onset_s) {
            ++early;
            continue;
        }
        d.push_back(at - g.onset_s);
    }
    if (d.empty() && !early) return nullptr;
    std::sort(d.begin(), d.end());
    const auto q = [&](double p) { return d.empty() ? json(nullptr) : json(d[std::size_t(p * double(d.size() - 1) + 0.5)]); };
    return {{"runs", d.size()}, {"before_onset", early}, {"median_s", q(0.5)}, {"q25_s", q(0.25)}, {"q75_s", q(0.75)},
            {"max_s", d.empty() ? json(nullptr) : json(d.back())}};
}

}  // namespace

bool malicious(const std::string& cls) { return cls == "CHEAT" || cls == "THEFT" || cls == "TAMPER"; }

ground_truth ground_truth_of(const json& record, const std::string& file, const std::string& key) {
    ground_truth g;
    g.run = key;
    try {
        std::set<std::string> active;
        for (const json& p : record.at("points")) {
            for (const json& l : p.at("labels")) {
                reports::label_row r;
                r.id = l.at("id").get<std::string>();
                r.label = l.at("label").get<std::string>();
                r.tap = l.value("tap", "");
                r.onset_s = l.at("onset_s").is_number() ? l["onset_s"].get<double>() : 0.0;
                r.end_s = l.at("end_s").is_number() ? l["end_s"].get<double>() : 0.0;
                r.magnitude = l.at("magnitude").is_number() ? l["magnitude"].get<double>() : 0.0;
                r.magnitude_unit = l.value("magnitude_unit", "");
                if (seriousness(r.label) > seriousness(g.cls)) g.cls = r.label;
                if (active.insert(r.id).second) g.labels.push_back(r);
            }
        }
        g.family = "honest";
        g.onset_s = std::nan("");
        for (const reports::label_row& r : g.labels)
            if (r.label == g.cls && !(g.onset_s <= r.onset_s)) g.onset_s = r.onset_s;
        for (const reports::label_row& r : g.labels)
            if (r.label == g.cls && (g.family == "honest" || std::fabs(r.magnitude) > std::fabs(g.magnitude))) {
                g.magnitude = r.magnitude;
                g.magnitude_unit = r.magnitude_unit;
                g.family = r.id;
            }
        if (record.contains("expect") && record["expect"].is_object() && record["expect"].contains("labels"))
            for (auto it = record["expect"]["labels"].begin(); it != record["expect"]["labels"].end(); ++it)
                if (!active.count(it.key())) g.dormant.push_back(it.key());
        if (record.contains("scenario") && record["scenario"].contains("seed") && record["scenario"]["seed"].is_number_unsigned())
            g.seed = record["scenario"]["seed"].get<uint64_t>();
    } catch (const json::exception& e) {
        throw scenario_error(file, "/points", std::string("expected a run record with labels, got ") + e.what());
    }
    return g;
}

double auc(const std::vector<double>& pos, const std::vector<double>& neg) {
    if (pos.empty() || neg.empty()) return std::nan("");
    // Mann-Whitney by ranks: sort all, average ranks over ties
    std::vector<std::pair<double, int>> all;
    for (double s : pos) all.emplace_back(rank_score(s), 1);
    for (double s : neg) all.emplace_back(rank_score(s), 0);
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    double rank_sum = 0;
    for (std::size_t i = 0; i < all.size();) {
        std::size_t j = i;
        while (j < all.size() && all[j].first == all[i].first) ++j;
        const double mid = 0.5 * double(i + 1 + j);  // ranks i+1 .. j
        for (std::size_t k = i; k < j; ++k)
            if (all[k].second) rank_sum += mid;
        i = j;
    }
    const double np = double(pos.size()), nn = double(neg.size());
    return (rank_sum - np * (np + 1) / 2) / (np * nn);
}

json score(const std::vector<finding>& findings, const std::map<std::string, ground_truth>& truth, const score_options& opt) {
    std::vector<std::string> order;  // detectors in the order they first appear
    for (const finding& f : findings)
        if (std::find(order.begin(), order.end(), f.detector) == order.end()) order.push_back(f.detector);
    json out = json::array();
    for (const std::string& det : order) {
        std::vector<const finding*> fs;
        for (const finding& f : findings)
            if (f.detector == det) fs.push_back(&f);
        std::vector<double> pos, neg;
        std::size_t tp = 0, fp = 0, no_evidence = 0, anomalies = 0, anomalies_found = 0, normals = 0, normals_alarmed = 0;
        std::map<std::string, std::pair<std::size_t, std::size_t>> per_class;  // runs, alarms
        std::map<std::string, std::map<std::string, std::size_t>> confusion;
        std::vector<std::pair<double, bool>> scored;
        for (const finding* f : fs) {
            const auto t = truth.find(f->run);
            if (t == truth.end()) throw std::logic_error("no ground truth for run " + f->run);
            const bool p = malicious(t->second.cls);
            (p ? pos : neg).push_back(f->score);
            scored.emplace_back(rank_score(f->score), p);
            if (!std::isfinite(f->score)) ++no_evidence;
            // an accusation is an alarm that names a malicious label; one that names a drift or a
            // fault on a benign device is a correct maintenance call, not a false accusation
            if (f->alarm && malicious(f->guess)) (p ? tp : fp) += 1;
            if (t->second.cls == "NORMAL") {
                ++normals;
                normals_alarmed += f->alarm;
            } else {
                ++anomalies;
                anomalies_found += f->alarm;
            }
            auto& pc = per_class[t->second.cls];
            pc.first += 1;
            pc.second += f->alarm ? 1 : 0;
            confusion[t->second.cls][f->alarm ? f->guess : "none"] += 1;
        }
        const std::size_t P = pos.size(), N = neg.size();
        json d;
        d["detector"] = det;
        d["kind"] = fs.front()->kind;
        d["threshold"] = fs.front()->threshold;
        d["runs"] = fs.size();
        d["positives"] = P;
        d["negatives"] = N;
        d["no_evidence"] = no_evidence;
        const auto dr_ci = campaign::clopper_pearson(tp, P);
        const auto far_ci = campaign::clopper_pearson(fp, N);
        d["at_threshold"] = {{"tp", tp},
                             {"fp", fp},
                             {"fn", P - tp},
                             {"tn", N - fp},
                             {"detection_rate", P ? num(double(tp) / double(P)) : json(nullptr)},
                             {"detection_rate_95", P ? json{dr_ci.first, dr_ci.second} : json(nullptr)},
                             {"false_alarm_rate", N ? num(double(fp) / double(N)) : json(nullptr)},
                             {"false_alarm_rate_95", N ? json{far_ci.first, far_ci.second} : json(nullptr)},
                             {"anomalies_found", anomalies ? num(double(anomalies_found) / double(anomalies)) : json(nullptr)},
                             {"normal_alarmed", normals ? num(double(normals_alarmed) / double(normals)) : json(nullptr)}};
        d["auc"] = num(auc(pos, neg));
        // the ROC: alarm at score >= t for every distinct score, from the highest down
        std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        json roc = json::array();
        roc.push_back({0.0, 0.0, nullptr});
        std::size_t ctp = 0, cfp = 0;
        double best_pd = 0, best_far = 0, best_t = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i < scored.size();) {
            std::size_t j = i;
            while (j < scored.size() && scored[j].first == scored[i].first) {
                (scored[j].second ? ctp : cfp) += 1;
                ++j;
            }
            const double tpr = P ? double(ctp) / double(P) : 0, fpr = N ? double(cfp) / double(N) : 0;
            roc.push_back({fpr, tpr, num(scored[i].first)});
            if (fpr <= opt.max_far && tpr > best_pd && std::isfinite(scored[i].first)) {
                best_pd = tpr;
                best_far = fpr;
                best_t = scored[i].first;
            }
            i = j;
        }
        d["roc"] = roc;
        // or at a threshold fixed beforehand, on another corpus
        const auto fixed = opt.fixed_thresholds.find(det);
        if (fixed != opt.fixed_thresholds.end()) {
            best_t = fixed->second;
            std::size_t a = 0, b = 0;
            for (const auto& [sc, p] : scored)
                if (sc >= best_t) (p ? a : b) += 1;
            best_pd = P ? double(a) / double(P) : 0;
            best_far = N ? double(b) / double(N) : 0;
        }
        d["operating_point"] = {{"max_false_alarm_rate", opt.max_far},
                                {"min_detection_rate", opt.min_pd},
                                {"threshold", num(best_t)},
                                {"threshold_from", fixed != opt.fixed_thresholds.end() ? opt.thresholds_source : "this corpus"},
                                {"detection_rate", best_pd},
                                {"false_alarm_rate", best_far},
                                {"meets", best_pd >= opt.min_pd && best_far <= opt.max_far}};
        // each kind of cheat, drift or fault at the operating point: how many of its runs score over it
        json fam = json::object();
        for (const finding* f : fs) {
            const ground_truth& g = truth.at(f->run);
            json& e = fam[g.family];
            if (e.is_null()) e = {{"class", g.cls}, {"runs", 0}, {"over", 0}};
            e["runs"] = e["runs"].get<int>() + 1;
            e["over"] = e["over"].get<int>() + (rank_score(f->score) >= best_t ? 1 : 0);
        }
        for (auto it = fam.begin(); it != fam.end(); ++it)
            it.value()["rate"] = double(it.value()["over"].get<int>()) / double(it.value()["runs"].get<int>());
        d["per_family"] = fam;
        d["delay"] = delay(fs, truth);
        // in control: the honest runs' standardised mean errors are N(0, 1) when sigma is the
        // fleet's spread; a CUSUM designed for ARL0 over them (a fleet surveillance chart) then
        // raises about one false alarm per ARL0 runs
        if (fs.front()->kind == "bias") {
            std::vector<double> z;
            for (const finding* f : fs)
                if (truth.at(f->run).cls == "NORMAL" && std::isfinite(f->score)) z.push_back(std::copysign(f->score, f->magnitude));
            json ic = {{"runs", z.size()}, {"arl0", opt.arl0}};
            if (z.size() >= 2) {
                double m = 0, ss = 0;
                for (double x : z) m += x;
                m /= double(z.size());
                for (double x : z) ss += (x - m) * (x - m);
                const cusum_design cd{0.5, cusum_h_for_arl0(0.5, opt.arl0)};
                cusum chart(cd);
                std::size_t alarms = 0;
                for (double x : z) alarms += chart.update(x) ? 1 : 0;
                ic["z_mean"] = m;
                ic["z_sd"] = std::sqrt(ss / double(z.size() - 1));
                ic["cusum"] = {{"k", cd.k}, {"h", cd.h}, {"alarms", alarms}, {"expected_alarms", double(z.size()) / opt.arl0},
                               {"observed_arl", alarms ? json(double(z.size()) / double(alarms)) : json(nullptr)}};
            }
            d["in_control"] = ic;
        }
        // precision of the top budget_pct % of a fleet with the base rate: each positive weighs
        // base_rate / P, each negative (1 - base_rate) / N; ties share the budget in proportion
        double taken = 0, taken_pos = 0;
        const double budget = opt.budget_pct / 100.0;
        if (P && N) {
            const double wp = opt.base_rate / double(P), wn = (1 - opt.base_rate) / double(N);
            for (std::size_t i = 0; i < scored.size() && taken < budget;) {
                std::size_t j = i;
                double mp = 0, mn = 0;
                while (j < scored.size() && scored[j].first == scored[i].first) {
                    (scored[j].second ? mp : mn) += scored[j].second ? wp : wn;
                    ++j;
                }
                const double share = std::min(1.0, (budget - taken) / (mp + mn));
                taken += share * (mp + mn);
                taken_pos += share * mp;
                i = j;
            }
        }
        d["precision_at_budget"] = {{"base_rate", opt.base_rate},
                                    {"budget_pct", opt.budget_pct},
                                    {"precision", taken > 0 ? num(taken_pos / taken) : json(nullptr)},
                                    {"recall", P && N ? num(taken_pos / opt.base_rate) : json(nullptr)}};
        json pc = json::object();
        for (const std::string& c : classes)
            if (per_class.count(c))
                pc[c] = {{"runs", per_class[c].first},
                         {"alarms", per_class[c].second},
                         {"alarm_rate", double(per_class[c].second) / double(per_class[c].first)}};
        d["per_class"] = pc;
        json cm = json::object();
        for (const std::string& c : classes)
            if (confusion.count(c)) cm[c] = confusion[c];
        d["confusion"] = cm;
        out.push_back(d);
    }
    return out;
}

}  // namespace hilbench::detect
