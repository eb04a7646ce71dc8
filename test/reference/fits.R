# What the reference scripts share: Fieller's interval for where a line
# reaches a level, and Williams' procedure as method williams runs it.

# Fieller's interval for x where b0 + b1 x = level, in its general form with
# the covariance V of intercept and slope, q the t quantile: unbounded when
# the slope is not resolved at q.
fieller <- function(b0, b1, V, level, q) {
  b0 <- b0 - level
  A <- b1^2 - q^2 * V[2, 2]
  B <- b0 * b1 - q^2 * V[1, 2]
  C <- b0^2 - q^2 * V[1, 1]
  if (A <= 0) return(c(-Inf, Inf))
  r <- sqrt(B^2 - A * C)
  sort(c((-B - r) / A, (-B + r) / A))
}

# Williams' (1982) procedure by R's glm.fit() (rivalry.R, projection.R,
# coverage_williams.R):
#
# the binomial GLM of a successes out of a + b on x, with prior weights
# 1 / (1 + phi (m - 1) mu (1 - mu)) at the fit's own shares (iterated to a
# fixed point), phi where the Pearson statistic of the periods with at least
# 5 expected on each side at the plain fit (every period when fewer than 3
# qualify) equals its df, their number less 2, found by uniroot().  Without
# extra variation (the statistic at phi = 0 at most its df): the plain fit
# with its dispersion from those periods.
#
# Returns coefficients (intercept, slope), V (their covariance), phi,
# dispersion (1 with phi), df (for t quantiles: less one with phi),
# deviance, and separated (TRUE when the plain fit's linear predictor
# passes 30: no maximum likelihood line, which the extension reports; the
# rest is then not computed).
williams <- function(x, a, b) {
  X <- cbind(1, x)
  m <- a + b
  fitw <- function(pw) suppressWarnings(glm.fit(X, a / m, weights = m * pw, family = binomial(),
    control = glm.control(epsilon = 1e-13, maxit = 200)))
  fixed <- function(phi) {
    pw <- rep(1, length(x))
    f <- fitw(pw)
    for (k in 1:200) {
      mu <- f$fitted.values
      w <- 1 / (1 + phi * (m - 1) * mu * (1 - mu))
      f <- fitw(w)
      if (max(abs(w - pw) / w) < 1e-14) break
      pw <- w
    }
    f
  }
  # (X'WX)^-1 from the fit's own QR, as vcov() takes it: epoch seconds make
  # X'WX too ill-conditioned to invert directly
  covariance <- function(f) chol2inv(f$qr$qr[1:2, 1:2])
  f0 <- fitw(rep(1, length(x)))
  if (any(abs(f0$linear.predictors) > 30)) return(list(separated = TRUE))
  mu0 <- f0$fitted.values
  counted <- pmin(m * mu0, m * (1 - mu0)) >= 5
  if (sum(counted) < 3) counted[] <- TRUE
  pearson <- function(f) {
    mu <- f$fitted.values
    sum((f$prior.weights / m * (a - m * mu)^2 / (m * mu * (1 - mu)))[counted])
  }
  df <- sum(counted) - 2
  result <- function(f, phi, dispersion, V, df)
    list(separated = FALSE, coefficients = unname(f$coefficients), V = V, phi = phi,
         dispersion = dispersion, df = df, deviance = f$deviance)
  if (length(x) < 3 || pearson(f0) <= df)
    return(result(f0, 0, pearson(f0) / df, covariance(f0) * pearson(f0) / df, df))
  hi <- 1
  while (pearson(fixed(hi)) > df) hi <- hi * 2
  phi <- uniroot(function(p) pearson(fixed(p)) - df, c(0, hi), tol = 1e-15)$root
  f <- fixed(phi)
  result(f, phi, 1, covariance(f), df - 1)
}
