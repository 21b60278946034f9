# Writes standards' JSON data into a header as raw string literals (configure time).
# -DSRC_DIR=<dir> -DOUT_FILE=<header> -DNS=<namespace> -DPAIRS=var=file,var=file
set(out "// Generated from ${SRC_DIR}/*.json; do not edit.\n#pragma once\nnamespace ${NS} {\n")
string(REPLACE "," ";" pair_list "${PAIRS}")
foreach(pair ${pair_list})
  string(REPLACE "=" ";" kv ${pair})
  list(GET kv 0 var)
  list(GET kv 1 file)
  file(READ ${SRC_DIR}/${file} text)
  string(APPEND out "inline constexpr const char* ${var} = R\"hbjson(${text})hbjson\";\n")
endforeach()
string(APPEND out "}\n")
file(WRITE ${OUT_FILE} "${out}")
