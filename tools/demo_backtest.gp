# tools/demo_backtest.gp: the backtest chart.  Python's share of Python and
# Java posts as observed, and what fits from January 2012 to the end of each
# year from 2012 to 2016 projected (backtest() rows, tools/demo_export.sql).
# Variables: data (CSV: origin, time, fitted_share, observed_share), out (PNG).
set terminal pngcairo size 960,540 font "DejaVu Sans,11"
set output out
set datafile separator ","
set xdata time
set timefmt "%Y-%m-%d"
set format x "%Y"
set yrange [0:1]
set ytics 0.1
set grid ytics lc rgb "#dddddd"
set key top left box opaque
set title "What fits from 2012 to each year's end projected, against what happened"
set ylabel "Python's share of Python and Java posts"
set arrow from graph 0, first 0.5 to graph 1, first 0.5 nohead dt 3 lc rgb "#999999"
years = "2012 2013 2014 2015 2016"
colors = "#c6dbef #9ecae1 #6baed6 #3182bd #08519c"
plot for [i = 1:5] data using 2:(strcol(1) eq word(years, i)."-12-01" ? $3 : NaN) \
         with lines lw 2 lc rgb word(colors, i) title sprintf("fit to %s, projected", word(years, i)), \
     data using 2:(strcol(1) eq "2012-12-01" ? $4 : NaN) with points pt 7 ps 0.6 lc rgb "#222222" title "observed share"
