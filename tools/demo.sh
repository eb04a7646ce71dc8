#!/usr/bin/env bash
# tools/demo.sh: load the bundled observations into a throwaway cluster and
# print a short report answering the article's questions, showing the SQL.

cd "$(dirname "$0")/.."
. tools/common.sh

ensure_packages "${BASE_PACKAGES[@]}" gnuplot-nox
build_and_install
start_cluster >/dev/null

psql -X -q -v ON_ERROR_STOP=1 -f tools/demo_load.sql
mkdir -p out
psql -X -q -v ON_ERROR_STOP=1 --echo-queries -f tools/demo.sql
psql -X -q -v ON_ERROR_STOP=1 -f tools/demo_export.sql

# the charts: gnuplot draws the projection() rows the demo wrote to out/
for pair in "pytorch_tensorflow|PyTorch against TensorFlow: Stack Overflow questions per year|PyTorch" \
	"python_java|Python against Java: Stack Overflow posts per month|Python"; do
	IFS='|' read -r name title who <<<"$pair"
	gnuplot -e "data='out/$name.csv'; out='out/$name.png'; title='$title'; who='$who'; parity='$(cat "out/$name.parity")'" \
		tools/demo_chart.gp
done
gnuplot -e "data='out/python_java_backtest.csv'; out='out/python_java_backtest.png'" tools/demo_backtest.gp
echo
echo "== charts of observed and fitted share, the 95 % band and the projected parity:"
echo "   $(pwd)/out/pytorch_tensorflow.png"
echo "   $(pwd)/out/python_java.png"
echo "== and of what fits to the end of 2012 ... 2016 projected, against what happened:"
echo "   $(pwd)/out/python_java_backtest.png"
