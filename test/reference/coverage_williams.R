# Williams' procedure, run by R's glm.fit() on every dataset of the coverage
# study (coverage.csv.gz, made by coverage.R), for test/pgtap/coverage.sql:
# the extension's williams parity intervals must be R's, dataset by dataset.
#
# The procedure is fits.R's, as rivalry.R runs it.  Parity where the
# logit reaches 0, its interval Fieller's at 95 % with t quantiles on its
# df.  Time is t - mean(t): the extension centres too, and the parity
# moves back after.
#
# Rows: scenario, dataset, phi, df, parity, lower, upper; lower and upper
# empty when there is no interval (df < 1) and -Inf / Inf when it is
# unbounded.  Datasets whose plain fit R cannot make (complete separation:
# fitted shares of 0 or 1) are left out; the extension says so of them.
# Regenerate: Rscript test/reference/coverage_williams.R  (a minute or two;
# writes coverage_williams.csv.gz here)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
d <- read.csv(gzfile(file.path(here, "coverage.csv.gz")))
d <- d[d$scenario != "positive_values", ]   # measurements, not counts

source(file.path(here, "fits.R"))
out <- NULL
for (key in unique(paste(d$scenario, d$dataset))) {
  z <- d[paste(d$scenario, d$dataset) == key, ]
  z <- z[z$a + z$b > 0, ]
  wf <- williams(z$t - mean(z$t), z$a, z$b)
  if (wf$separated) next   # no maximum likelihood line
  b <- wf$coefficients
  ci <- if (wf$df >= 1) fieller(b[1], b[2], wf$V, 0, qt(0.975, wf$df)) else c(NA, NA)
  out <- rbind(out, data.frame(scenario = z$scenario[1], dataset = z$dataset[1], phi = wf$phi, df = wf$df,
    parity = -b[1] / b[2] + mean(z$t), lower = ci[1] + mean(z$t), upper = ci[2] + mean(z$t)))
}
out[] <- lapply(out, function(column) if (is.numeric(column)) sprintf("%.17g", column) else column)
out[out == "NA"] <- ""
con <- gzfile(file.path(here, "coverage_williams.csv.gz"), "w")
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
