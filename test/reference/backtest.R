# Reference backtests for test/pgtap/backtest.sql: Python against Java per
# month, 2012 to 2016, log-linear.  For each origin from the third month,
# R's lm() on the months up to it: predict(interval = "prediction") at every
# later month (mapped to shares), and the parity with Fieller's interval
# (general form, t quantile on the residual df), at 95 %.
# Regenerate: Rscript test/reference/backtest.R  (writes backtest.csv here)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
data_dir <- file.path(here, "..", "..", "data")
epoch <- function(d) as.numeric(as.POSIXct(d, tz = "UTC"))
expit <- function(x) 1 / (1 + exp(-x))
fieller <- function(b0, b1, V, q) {
  A <- b1^2 - q^2 * V[2, 2]
  B <- b0 * b1 - q^2 * V[1, 2]
  C <- b0^2 - q^2 * V[1, 1]
  if (A <= 0) return(c(NA, NA))
  r <- sqrt(B^2 - A * C)
  sort(c((-B - r) / A, (-B + r) / A))
}

monthly <- read.csv(file.path(data_dir, "stackoverflow_tag_posts_monthly.csv"))
w <- reshape(monthly[monthly$tag %in% c("python", "java"), ],
             idvar = "month", timevar = "tag", direction = "wide")
w <- w[order(w$month), ]
w <- w[w$month >= "2012-01-01" & w$month < "2017-01-01", ]
x <- epoch(w$month)
y <- log(w$posts.python / w$posts.java)
n <- length(x)

out <- NULL
for (o in 3:(n - 1)) {
  m <- lm(y ~ x, data = data.frame(x = x[1:o], y = y[1:o]))
  p <- predict(m, newdata = data.frame(x = x[(o + 1):n]), interval = "prediction", level = 0.95)
  out <- rbind(out, data.frame(kind = "share", origin = w$month[o], time = w$month[(o + 1):n],
    fitted = expit(p[, "fit"]), lower = expit(p[, "lwr"]), upper = expit(p[, "upr"])))
  b <- coef(m)
  ci <- fieller(b[1], b[2], vcov(m), qt(0.975, df.residual(m)))
  out <- rbind(out, data.frame(kind = "parity", origin = w$month[o], time = NA,
    fitted = -b[[1]] / b[[2]], lower = ci[1], upper = ci[2]))
}
g <- function(v) ifelse(is.na(v), "", sprintf("%.17g", v))
out$time <- ifelse(is.na(out$time), "", out$time)
out$fitted <- g(out$fitted); out$lower <- g(out$lower); out$upper <- g(out$upper)
write.csv(out, file.path(here, "backtest.csv"), row.names = FALSE, quote = FALSE)
