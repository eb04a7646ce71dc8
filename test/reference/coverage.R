# The coverage study of parity intervals: seeded synthetic rivalries whose
# true parity is known, for test/pgtap/coverage.sql, which computes every
# method's 95 % parity interval with the extension and asserts that the
# method the README recommends for each kind of data covers the true parity
# in 93 % to 97 % of datasets.
#
# The model: the logit of a's share is b0 + b1 (t - parity) at periods t =
# 1..n (numeric time), b1 drawn from 0.15 to 0.35 a period and the parity
# from 0.6 n to 1.3 n (so that projections reach a little past the data).
# Each scenario draws 500 datasets:
#   binomial_equal     12 periods of 1 000 trials, binomial noise only
#   binomial_mixed     20 periods of 7 to 1 100 trials (log-uniform)
#   logit_noise_equal  15 periods of 1 000, the logit also varies between
#                      periods (normal, sd 0.15): noise between periods
#   logit_noise_mixed  20 periods of 7 to 1 100 with that noise
#   logit_noise_30     30 periods of 7 to 1 100 with that noise
#   few_periods        3 periods of 1 000 with that noise (one residual df)
#   small_counts       20 periods of 3 to 20 trials: zeros on one side often
#   positive_values    15 periods of positive measurements (an index, not
#                      counts): a and b with log-normal noise, sd 0.1
# Regenerate: Rscript test/reference/coverage.R  (writes coverage.csv.gz here)
# Another draw, to see that what the study found is no accident of its seed:
# Rscript test/reference/coverage.R SEED FILE
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
args <- commandArgs(TRUE)
set.seed(if (length(args) >= 1) as.integer(args[1]) else 20261126)
target <- if (length(args) >= 2) args[2] else file.path(here, "coverage.csv.gz")
reps <- 500

scenario <- function(name, n, size, tau = 0, positive = FALSE) {
  out <- vector("list", reps)
  for (d in 1:reps) {
    b1 <- runif(1, 0.15, 0.35)
    parity <- runif(1, 0.6 * n, 1.3 * n)
    t <- 1:n
    eta <- b1 * (t - parity) + rnorm(n, 0, tau)
    if (positive) {
      # a / b = exp(eta) with log-normal noise on each side
      a <- 100 * exp(eta / 2 + rnorm(n, 0, 0.1))
      b <- 100 * exp(-eta / 2 + rnorm(n, 0, 0.1))
    } else {
      m <- size(n)
      a <- rbinom(n, m, plogis(eta))
      b <- m - a
    }
    out[[d]] <- data.frame(scenario = name, dataset = d, t = t, a = a, b = b, parity = parity)
  }
  do.call(rbind, out)
}
equal <- function(k) function(n) rep(k, n)
mixed <- function(lo, hi) function(n) round(exp(runif(n, log(lo), log(hi))))

data <- rbind(
  scenario("binomial_equal", 12, equal(1000)),
  scenario("binomial_mixed", 20, mixed(7, 1100)),
  scenario("logit_noise_equal", 15, equal(1000), tau = 0.15),
  scenario("logit_noise_mixed", 20, mixed(7, 1100), tau = 0.15),
  scenario("logit_noise_30", 30, mixed(7, 1100), tau = 0.15),
  scenario("few_periods", 3, equal(1000), tau = 0.15),
  scenario("small_counts", 20, mixed(3, 20)),
  scenario("positive_values", 15, NULL, positive = TRUE))
data$a <- sprintf("%.17g", data$a)
data$b <- sprintf("%.17g", data$b)
data$parity <- sprintf("%.17g", data$parity)
con <- gzfile(target, "w")
write.csv(data, con, row.names = FALSE, quote = FALSE)
close(con)
