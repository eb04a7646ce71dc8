# Williams' procedure, run by R's glm.fit() on every dataset of the coverage
# study (coverage.csv.gz, made by coverage.R), for test/pgtap/coverage.sql:
# the extension's williams parity intervals must be R's, dataset by dataset.
#
# The procedure, as test/reference/rivalry.R runs it: the binomial GLM with
# prior weights 1 / (1 + phi (m - 1) mu (1 - mu)) at the fit's own shares
# (iterated to a fixed point), phi where the Pearson statistic of the
# periods with at least 5 expected on each side at the plain fit equals its
# df (their number less 2; every period when fewer than 3 qualify), found by
# uniroot(); no extra variation: the quasi-binomial fit with its dispersion
# from those periods.  Parity where the logit reaches 0, its interval
# Fieller's at 95 % with t quantiles on k - 3 (k - 2 without phi).  Time is
# t - mean(t): the extension centres too, and the parity moves back after.
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

fieller <- function(b0, b1, V, q) {
  A <- b1^2 - q^2 * V[2, 2]; B <- b0 * b1 - q^2 * V[1, 2]; C <- b0^2 - q^2 * V[1, 1]
  if (A <= 0) return(c(-Inf, Inf))
  r <- sqrt(B^2 - A * C); sort(c((-B - r) / A, (-B + r) / A))
}
wfit <- function(x, a, m, pw) suppressWarnings(glm.fit(cbind(1, x), a / m, weights = m * pw,
  family = binomial(), control = glm.control(epsilon = 1e-13, maxit = 200)))
fixed <- function(x, a, m, phi) {
  pw <- rep(1, length(x))
  f <- wfit(x, a, m, pw)
  for (k in 1:200) {
    mu <- f$fitted.values
    w <- 1 / (1 + phi * (m - 1) * mu * (1 - mu))
    f <- wfit(x, a, m, w)
    if (max(abs(w - pw) / w) < 1e-14) break
    pw <- w
  }
  f
}
pearson <- function(f, a, m, counted) {
  mu <- f$fitted.values
  sum((f$prior.weights / m * (a - m * mu)^2 / (m * mu * (1 - mu)))[counted])
}

out <- NULL
for (key in unique(paste(d$scenario, d$dataset))) {
  z <- d[paste(d$scenario, d$dataset) == key, ]
  z <- z[z$a + z$b > 0, ]
  x <- z$t - mean(z$t); a <- z$a; m <- z$a + z$b; n <- length(x)
  f0 <- wfit(x, a, m, rep(1, n))
  mu0 <- f0$fitted.values
  if (n < 3 || any(abs(f0$linear.predictors) > 30)) next   # separated: no MLE
  counted <- pmin(m * mu0, m * (1 - mu0)) >= 5
  if (sum(counted) < 3) counted[] <- TRUE
  df <- sum(counted) - 2
  X <- cbind(1, x)
  if (pearson(f0, a, m, counted) <= df) {
    phi <- 0; f <- f0
    V <- solve(t(X) %*% (f0$weights * X)) * pearson(f0, a, m, counted) / df
  } else {
    hi <- 1
    while (pearson(fixed(x, a, m, hi), a, m, counted) > df) hi <- hi * 2
    phi <- uniroot(function(p) pearson(fixed(x, a, m, p), a, m, counted) - df,
                   c(0, hi), tol = 1e-15)$root
    f <- fixed(x, a, m, phi)
    V <- solve(t(X) %*% (f$weights * X))
    df <- df - 1
  }
  b <- f$coefficients
  ci <- if (df >= 1) fieller(b[1], b[2], V, qt(0.975, df)) else c(NA, NA)
  out <- rbind(out, data.frame(scenario = z$scenario[1], dataset = z$dataset[1], phi = phi, df = df,
    parity = -b[1] / b[2] + mean(z$t), lower = ci[1] + mean(z$t), upper = ci[2] + mean(z$t)))
}
out[] <- lapply(out, function(column) if (is.numeric(column)) sprintf("%.17g", column) else column)
out[out == "NA"] <- ""
con <- gzfile(file.path(here, "coverage_williams.csv.gz"), "w")
write.csv(out, con, row.names = FALSE, quote = FALSE)
close(con)
