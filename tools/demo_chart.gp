# tools/demo_chart.gp: observed and fitted share with its band and the
# projected parity, from the rows of projection() (tools/demo.sh writes them).
# Variables: data (CSV: time, observed, fitted, lower, upper), out (PNG),
# title, who (a's name), parity (YYYY-MM-DD or empty).
set terminal pngcairo size 960,540 font "DejaVu Sans,11"
set output out
set datafile separator ","
set datafile missing ""
set xdata time
set timefmt "%Y-%m-%d"
set format x "%Y"
set yrange [0:1]
set ytics 0.1
set grid ytics lc rgb "#dddddd"
set key top left box opaque
set title title
set ylabel sprintf("%s's share of the two", who)
if (parity ne "") {
    set arrow from parity, graph 0 to parity, graph 1 nohead dt 2 lw 1.5 lc rgb "#b22222" front
    set label sprintf("projected parity %s", parity) at parity, graph 0.94 right offset -0.8, 0 tc rgb "#b22222" front
}
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 3 lc rgb "#999999"
plot data using 1:4:5 with filledcurves lc rgb "#c6dbef" title "95 % interval of the fit", \
     data using 1:3 with lines lw 2 lc rgb "#08519c" title "fitted share (log-linear)", \
     data using 1:2 with points pt 7 ps 0.6 lc rgb "#222222" title "observed share"
