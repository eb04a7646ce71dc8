# Reference logistic fits for test/pgtap/logistic_reference.sql: R's
# glm(cbind(a, b) ~ t, family = quasibinomial) on binomial counts of 1e3 to
# 1e7 a period, where a convergence test of 1e-13 of the deviance fails on
# rounding alone.  For each case: whether R's default fit converges and in
# how many iterations, and the coefficients of a fit run to epsilon 1e-15
# (the fully converged line both should approach).
# Regenerate: Rscript test/reference/logistic.R  (writes logistic_data.csv
# and logistic.csv here)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
set.seed(20261126)

cases <- list()
# the issue's example: six periods of a million
cases[["million"]] <- data.frame(t = 1:6,
  a = c(300000, 360000, 410000, 490000, 520000, 610000),
  b = c(700000, 640000, 590000, 510000, 480000, 390000))
# random binomial data, counts of 1e3 to 1e7 a period
for (m in c(1e3, 1e4, 1e5, 1e6, 1e7)) {
  for (k in 1:6) {
    n <- sample(5:20, 1)
    t <- sort(sample(1:40, n))
    b0 <- runif(1, -2, 2); b1 <- runif(1, -0.3, 0.3)
    size <- round(m * runif(n, 0.5, 1.5))
    a <- rbinom(n, size, plogis(b0 + b1 * (t - mean(t))))
    cases[[sprintf("binomial_%g_%d", m, k)]] <- data.frame(t = t, a = a, b = size - a)
  }
}
# fractional counts (weighted observations)
for (k in 1:4) {
  t <- 1:12
  size <- runif(12, 1e4, 1e6)
  a <- size * plogis(-1 + 0.2 * t + rnorm(12, 0, 0.05))
  cases[[sprintf("fractional_%d", k)]] <- data.frame(t = t, a = a, b = size - a)
}

# complete separation that R's default fit does not resolve in its 25
# iterations: converged FALSE, iter 25
cases[["not_converged"]] <- data.frame(t = 1:4, a = c(10, 0, 0, 0), b = c(0, 30, 4, 9))

data <- NULL
out <- NULL
for (name in names(cases)) {
  d <- cases[[name]]
  default <- suppressWarnings(glm(cbind(a, b) ~ t, family = quasibinomial, data = d))
  tight <- suppressWarnings(glm(cbind(a, b) ~ t, family = quasibinomial, data = d,
                                control = glm.control(epsilon = 1e-15, maxit = 100)))
  b0 <- unname(coef(tight)[1]); b1 <- unname(coef(tight)[2])
  data <- rbind(data, data.frame(casename = name, t = d$t, a = d$a, b = d$b))
  out <- rbind(out, data.frame(casename = name, converged = default$converged,
    iterations = default$iter, slope = b1, intercept = b0, parity = -b0 / b1,
    dispersion = summary(tight)$dispersion, deviance = deviance(tight)))
}
write.csv(format(data, digits = 17), file.path(here, "logistic_data.csv"), row.names = FALSE, quote = FALSE)
write.csv(format(out, digits = 17), file.path(here, "logistic.csv"), row.names = FALSE, quote = FALSE)
