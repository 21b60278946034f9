// Checks scenarios/schema/scenario.schema.json with an independent validator (ajv, JSON Schema
// draft 2020-12): every bundled scenario is accepted; every bad scenario of
// tests/data/bad_scenarios is rejected, except those its README lists as what JSON Schema
// cannot express, and each of those is indeed accepted (so the list stays honest).
// Usage: node validate_schema.cjs <source dir> <dir holding node_modules/ajv>
// Exit 0 pass, 1 fail, 77 skipped (no ajv).
'use strict';
const fs = require('fs');
const path = require('path');

const [src, tools] = process.argv.slice(2);
let Ajv2020;
try {
  Ajv2020 = require(path.resolve(tools, 'node_modules', 'ajv', 'dist', '2020.js')).default;
} catch (e) {
  console.log(`skipped: ajv is not installed in ${tools} (bash .ci/setup installs it with npm)`);
  process.exit(77);
}
// strict: unknown keywords are schema errors; required keys and types may come from sibling subschemas
const ajv = new Ajv2020({strict: true, strictRequired: false, strictTypes: false, strictTuples: false});
const schema = JSON.parse(fs.readFileSync(path.join(src, 'scenarios/schema/scenario.schema.json'), 'utf8'));
const validate = ajv.compile(schema);

function files(dir, out = []) {
  for (const e of fs.readdirSync(dir, {withFileTypes: true})) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (e.name.endsWith('.json')) out.push(p);
  }
  return out.sort();
}
function parse(file) {
  try {
    return {ok: true, value: JSON.parse(fs.readFileSync(file, 'utf8'))};
  } catch (e) {
    return {ok: false};  // not JSON at all: no schema applies
  }
}

let failures = 0;
let accepted = 0;
for (const f of files(path.join(src, 'scenarios'))) {
  if (f.includes(`${path.sep}schema${path.sep}`) || f.includes(`${path.sep}campaigns${path.sep}`) ||
      f.includes(`${path.sep}detectors${path.sep}`)) continue;
  if (validate(parse(f).value)) {
    ++accepted;
  } else {
    ++failures;
    console.log(`FAIL bundled scenario rejected: ${path.relative(src, f)}: ${ajv.errorsText(validate.errors)}`);
  }
}

// the cases JSON Schema cannot express: `name.json` in the README's section of them
const readme = fs.readFileSync(path.join(src, 'tests/data/bad_scenarios/README.md'), 'utf8');
const section = readme.split(/^## /m).find((s) => s.startsWith('Cases JSON Schema cannot express')) || '';
const inexpressible = new Set([...section.matchAll(/`([\w.-]+\.json)`/g)].map((m) => m[1]));
let rejected = 0;
let listed = 0;
for (const f of files(path.join(src, 'tests/data/bad_scenarios'))) {
  const name = path.basename(f);
  const doc = parse(f);
  if (!doc.ok) {  // a syntax error: nothing for a schema to judge
    if (!inexpressible.has(name)) {
      ++failures;
      console.log(`FAIL ${name} is not JSON and must be listed as inexpressible`);
    }
    continue;
  }
  const valid = validate(doc.value);
  if (inexpressible.has(name)) {
    ++listed;
    if (!valid) {
      ++failures;
      console.log(`FAIL ${name} is listed as inexpressible but the schema rejects it: drop it from the list`);
    }
  } else if (valid) {
    ++failures;
    console.log(`FAIL bad scenario accepted by the schema: ${name}`);
  } else {
    ++rejected;
  }
}
for (const name of inexpressible)
  if (!fs.existsSync(path.join(src, 'tests/data/bad_scenarios', name))) {
    ++failures;
    console.log(`FAIL the README lists ${name}, which does not exist`);
  }
// the campaign files against scenarios/schema/campaign.schema.json: the bundled and the test
// ones are accepted, and a campaign with an unknown key or a bad choice is not
const campaignSchema = JSON.parse(fs.readFileSync(path.join(src, 'scenarios/schema/campaign.schema.json'), 'utf8'));
const validateCampaign = new Ajv2020({strict: true, strictRequired: false, strictTypes: false, strictTuples: false})
  .compile(campaignSchema);
let campaigns = 0;
for (const f of [...files(path.join(src, 'scenarios/campaigns')), ...files(path.join(src, 'tests/data/campaigns'))]) {
  if (validateCampaign(parse(f).value)) ++campaigns;
  else {
    ++failures;
    console.log(`FAIL campaign rejected: ${path.relative(src, f)}: ${ajv.errorsText(validateCampaign.errors)}`);
  }
}
for (const bad of [{schema_version: 1, name: 'x', scenarios: ['a.json'], seeds: 3},
                   {schema_version: 1, name: 'x', scenarios: ['a.json'], judge: 'vibes'},
                   {schema_version: 1, name: 'x', scenarios: []},
                   {schema_version: 1, name: 'x', scenarios: ['a.json'], monte_carlo: {draws: 0, tolerances: []}}]) {
  if (validateCampaign(bad)) {
    ++failures;
    console.log(`FAIL bad campaign accepted: ${JSON.stringify(bad)}`);
  }
}
// the detector files against scenarios/schema/detectors.schema.json
const validateDetectors = new Ajv2020({strict: true, strictRequired: false, strictTypes: false, strictTuples: false})
  .compile(JSON.parse(fs.readFileSync(path.join(src, 'scenarios/schema/detectors.schema.json'), 'utf8')));
let detectorFiles = 0;
for (const f of files(path.join(src, 'scenarios/detectors'))) {
  if (validateDetectors(parse(f).value)) ++detectorFiles;
  else {
    ++failures;
    console.log(`FAIL detector file rejected: ${path.relative(src, f)}: ${ajv.errorsText(validateDetectors.errors)}`);
  }
}
for (const bad of [{schema_version: 1, name: 'x', detectors: []},
                   {schema_version: 1, name: 'x', detectors: [{id: 'a', kind: 'oracle'}]},
                   {schema_version: 1, name: 'x', detectors: [{id: 'a', kind: 'cusum', h: -1}]}]) {
  if (validateDetectors(bad)) {
    ++failures;
    console.log(`FAIL bad detector file accepted: ${JSON.stringify(bad)}`);
  }
}
if (detectorFiles === 0) {
  ++failures;
  console.log('FAIL no detector file found under scenarios/detectors');
}
console.log(`${accepted} bundled scenarios accepted; ${rejected} bad scenarios rejected; ` +
            `${listed} listed as beyond JSON Schema; ${campaigns} campaigns accepted; ${detectorFiles} detector files accepted; ${failures} failures`);
process.exit(failures ? 1 : 0);
