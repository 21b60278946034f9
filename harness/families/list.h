// The instrument families hilbench ships: one line each. A family named N defines
// `const family& N_family();` in harness/families/N/ (see harness/families/README.md).
HB_FAMILY(meter)
HB_FAMILY(scale)
HB_FAMILY(dispenser)
HB_FAMILY(charger)
