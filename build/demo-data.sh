# Sourced by build/run.sh: which version of the demo data a data folder holds.
#
# The demo data (src/Modules/*/Demo) is loaded only into an empty database: a data folder whose database an
# older demo loaded keeps that older data for ever. So run.sh stamps each data folder with the version of the
# demo its database was made with, and refuses (with the words to delete it) a folder of another version.
# Raise DEMO_DATA_VERSION whenever src/Modules/*/Demo changes what the demo loads.
#   1: two campaigns, four articles, members who all joined today (no stamp was written then)
#   2: members who joined over the past year (lapsed, in arrears, suspended), three campaigns with past actions
#      and outcomes, a dozen articles over six months, the pages "programme" and "about"
DEMO_DATA_VERSION=3

# demo_data_stamp DATADIR: marks a data folder whose database is new as made by this version.
demo_data_stamp() {
  echo "$DEMO_DATA_VERSION" >"$1/demo-data-version"
}

# demo_data_check DATADIR: 0 when the folder has no database yet, or one of this demo's version; otherwise
# says what to do (on stderr) and returns 1.
demo_data_check() {
  local data=$1 found shown_data
  [[ -d "$data/postgres" ]] || return 0
  found=$(cat "$data/demo-data-version" 2>/dev/null || echo 1)
  [[ "$found" == "$DEMO_DATA_VERSION" ]] && return 0
  shown_data=${SHOWN_DATA:-$data}
  cat >&2 <<MESSAGE

  The data folder $shown_data was made with an older demo (version $found; this one is version $DEMO_DATA_VERSION).
  Its database keeps the old demo data: the demo is loaded only into an empty database.
  To get the new demo data, delete the folder and run build/run.sh again:

      rm -rf $shown_data

  (This deletes its database, signing key and caught mail.) To keep it and its old data, run with Demo__Seed=false.

MESSAGE
  return 1
}
