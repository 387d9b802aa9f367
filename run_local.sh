#!/usr/bin/env bash
# Fresh machine to first results: set up .venv, run newsbeam on the bundled sample articles
# into ./output, print a summary read back with DuckDB, and write the HTML report.
set -euo pipefail
cd "$(dirname "$0")"
source ./bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"

newsbeam run --input samples/articles --output output "$@"

echo
echo "== rows per table"
newsbeam query output "
  select 'articles' as table_name, count(*) as rows from articles union all
  select 'entities', count(*) from entities union all
  select 'quotes', count(*) from quotes union all
  select 'topics', count(*) from topics union all
  select 'keyphrases', count(*) from keyphrases union all
  select 'sources', count(*) from sources union all
  select 'errors', count(*) from errors"
echo "== top speakers"
newsbeam query output "
  select speaker, count(*) as quotes, count(*) filter (where type = 'direct') as direct
  from quotes where speaker is not null group by speaker order by quotes desc, speaker limit 5"
echo "== top entities"
newsbeam query output "
  select name, label, sum(mention_count)::bigint as mentions, count(distinct article_id) as articles
  from entities group by name, label order by mentions desc, name limit 8"
echo "== topics"
newsbeam query output "
  select a.title, t.topic, round(t.score, 2) as score
  from topics t join articles a using (article_id) where t.rank = 1 order by a.title"
newsbeam report output --out output/report.html
