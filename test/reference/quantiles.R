# Reference quantiles for test/unit/test_core.c, from R's qnorm() and qt().
# Regenerate: Rscript test/reference/quantiles.R  (writes quantiles.csv here)
# From 1e-16: a level below 1 - 2e-16 is the closest a double gets to 1.
p <- c(1e-16, 1e-12, 1e-9, 1e-4, 0.001, 0.005, 0.025, 0.05, 0.1, 0.3, 0.5,
       0.7, 0.9, 0.95, 0.975, 0.995, 0.999, 1 - 1e-9)
df <- c(Inf, 1, 2, 3, 4, 5, 7, 10, 20, 30, 58, 100, 1000, 0.5, 2.5)
rows <- expand.grid(p = p, df = df)
rows$q <- ifelse(is.infinite(rows$df), qnorm(rows$p), qt(rows$p, rows$df))
# R's qt() is itself approximate in the far tails of df < 1: keep only the
# quantiles that R's own pt() maps back to p within 1e-12.
back <- ifelse(is.infinite(rows$df), pnorm(rows$q), pt(rows$q, rows$df))
tail <- pmin(rows$p, 1 - rows$p)
backtail <- pmin(back, 1 - back)
rows <- rows[abs(backtail - tail) <= 1e-12 * tail, ]
write.csv(format(rows, digits = 17), file.path(dirname(sub("--file=", "",
          grep("--file=", commandArgs(FALSE), value = TRUE))), "quantiles.csv"),
          row.names = FALSE, quote = FALSE)
