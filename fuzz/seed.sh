#!/bin/sh
# Fills fuzz/corpus/TARGET/ with seeds from the project's own files: the bad
# files of tests/fixtures, the small shipped meetings in data/, keymap.toml,
# the amounts tests/hostile.rs starts from, and small workbooks written by
# huishen itself (`huishen export`, built here as the debug binary).
# Run it once before fuzzing, from anywhere; running it again adds nothing
# new. The corpus is not committed (fuzz/.gitignore).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus"
for t in amount csv_import workbook batch keymap; do
    mkdir -p "$corpus/$t"
done

fixtures="$root/tests/fixtures"
data="$root/data"

# Projects files: every bad file (whatever it holds) and the small meetings.
cp "$fixtures"/hostile/*.csv "$fixtures"/hostile/*.xlsx "$corpus/csv_import/"
cp "$data/exante-projects.csv" "$data/monitoring-projects.csv" \
    "$data/posteval-projects.csv" "$corpus/csv_import/"

# Batches: the bad batches and the small meetings' decisions.
cp "$fixtures"/hostile/batch-*.csv "$corpus/batch/"
cp "$data/exante-decisions.csv" "$data/monitoring-decisions.csv" \
    "$data/posteval-decisions.csv" "$corpus/batch/"

# Keymaps: the bad ones, the good one and the defaults.
cp "$fixtures"/keymap/*.toml "$corpus/keymap/"
cp "$root/keymap.toml" "$corpus/keymap/default.toml"

# Amounts as cells and the cut input hold them.
i=0
for a in '1234.5' '1,234.50' '１２３４．５' '0.000001' ' 12 ' '80' '-20' '-15%' \
    '－１５％' '-12.5%' '999999999999.99' '.5' '-99999999999999999999999999%' \
    'NaN' '1e308' '-0'; do
    i=$((i + 1))
    printf '%s' "$a" > "$corpus/amount/seed-$i"
done

# Workbooks: the ex-ante meeting as huishen exports it, undecided and
# decided (a submission and a batch), and the renamed files of the fixtures.
cargo build --quiet --manifest-path "$root/Cargo.toml"
huishen="$root/target/debug/huishen"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$huishen" import "$data/exante-projects.csv" --indicators "$data/exante-indicators.csv" \
    --db "$tmp/m.db" > /dev/null
"$huishen" export --db "$tmp/m.db" --format xlsx --out "$corpus/workbook/exante.xlsx" > /dev/null
"$huishen" apply "$data/exante-decisions.csv" --db "$tmp/m.db" > /dev/null
"$huishen" export --db "$tmp/m.db" --format xlsx --out "$corpus/workbook/exante-decided.xlsx" > /dev/null
cp "$fixtures"/hostile/*.xlsx "$corpus/workbook/"

for t in amount csv_import workbook batch keymap; do
    echo "$t: $(ls "$corpus/$t" | wc -l) seeds"
done
