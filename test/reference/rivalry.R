# Reference fits for the rivalry tests, computed by R's lm() and
# glm(family = quasibinomial) on the shipped Stack Overflow data; "empirical"
# is lm() of Cox's empirical logit with its inverse-variance weights;
# "williams" is Williams' procedure by glm.fit() (fits.R).
# Regenerate: Rscript test/reference/rivalry.R  (writes rivalry.csv here)
#
# Time is x = epoch seconds (as extract(epoch FROM t)) for monthly data and
# the year for yearly data, uncentred: R's QR handles it, and this is an
# independent route to the same answers as the extension's centred fits.
# Parity is x where the line reaches 0 (log-ratio, logit) or 1 (ratio);
# its interval is Fieller's, here in its general form with the covariance
# of intercept and slope, at 95 % with t quantiles on the residual df.
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
data_dir <- file.path(here, "..", "..", "data")
source(file.path(here, "fits.R"))

fits <- function(case, x, a, b) {
  out <- NULL
  for (method in c("loglinear", "logistic", "linear", "empirical", "williams")) {
    if (method == "loglinear") {
      use <- a > 0 & b > 0
      m <- lm(y ~ x, data = data.frame(y = log(a[use] / b[use]), x = x[use]))
      level <- 0; dispersion <- summary(m)$sigma^2; deviance <- sum(residuals(m)^2)
    } else if (method == "linear") {
      use <- b > 0
      m <- lm(y ~ x, data = data.frame(y = a[use] / b[use], x = x[use]))
      level <- 1; dispersion <- summary(m)$sigma^2; deviance <- sum(residuals(m)^2)
    } else if (method == "empirical") {
      use <- a + b > 0
      ya <- a[use] + 0.5; yb <- b[use] + 0.5
      m <- lm(y ~ x, weights = 1 / (1 / ya + 1 / yb), data = data.frame(y = log(ya / yb), x = x[use]))
      level <- 0; dispersion <- summary(m)$sigma^2; deviance <- sum(weights(m) * residuals(m)^2)
    } else if (method == "williams") {
      use <- a + b > 0
      wf <- williams(x[use], a[use], b[use])
      level <- 0; dispersion <- wf$dispersion; deviance <- wf$deviance
    } else {
      use <- a + b > 0
      m <- glm(cbind(a, b) ~ x, family = quasibinomial,
               data = data.frame(a = a[use], b = b[use], x = x[use]),
               control = glm.control(epsilon = 1e-13, maxit = 200))
      level <- 0; dispersion <- summary(m)$dispersion; deviance <- deviance(m)
    }
    if (method == "williams") {
      b0 <- wf$coefficients[1]; b1 <- wf$coefficients[2]; V <- wf$V; df <- wf$df
    } else {
      b0 <- unname(coef(m)[1]); b1 <- unname(coef(m)[2]); V <- vcov(m); df <- df.residual(m)
    }
    # no residual df left (williams of three periods): no interval
    ci <- if (df >= 1) fieller(b0, b1, V, level, qt(0.975, df)) else c(NA, NA)
    out <- rbind(out, data.frame(case = case, method = method,
      parity = (level - b0) / b1, lower = ci[1], upper = ci[2],
      slope = b1, intercept = b0, dispersion = dispersion, deviance = deviance,
      df = df, used = sum(use), skipped = sum(!use)))
  }
  out
}

monthly <- read.csv(file.path(data_dir, "stackoverflow_tag_posts_monthly.csv"))
wide <- reshape(monthly[monthly$tag %in% c("python", "java"), ],
                idvar = "month", timevar = "tag", direction = "wide")
wide[is.na(wide)] <- 0
wide <- wide[order(wide$month), ]
epoch <- function(d) as.numeric(as.POSIXct(d, tz = "UTC"))
x <- epoch(wide$month)

yearly <- read.csv(file.path(data_dir, "stackoverflow_framework_questions_yearly.csv"))
yw <- reshape(yearly[yearly$framework %in% c("pytorch", "tensorflow"), ],
              idvar = "year", timevar = "framework", direction = "wide")
yw <- yw[order(yw$year), ]

early <- wide$month >= "2012-01-01" & wide$month < "2016-01-01"
# three months: one residual degree of freedom (the first unbounded, the
# second, near a line, bounded)
three <- wide$month >= "2012-01-01" & wide$month < "2012-04-01"
ref <- rbind(
  fits("python_java", x, wide$posts.python, wide$posts.java),
  fits("python_java_2012_2015", x[early], wide$posts.python[early], wide$posts.java[early]),
  fits("python_java_2012_q1", x[three], wide$posts.python[three], wide$posts.java[three]),
  fits("three_months", epoch(as.Date(c("2020-01-01", "2020-02-01", "2020-03-01"))),
       c(400000, 500000, 600100), c(600000, 500000, 399900)),
  fits("pytorch_tensorflow", yw$year, yw$questions.pytorch, yw$questions.tensorflow),
  # six small years, two of them with 5 expected on each side: williams
  # counts every period in its Pearson statistic, and finds phi > 0
  fits("sparse_years", 2001:2006, c(1, 0, 4, 30, 2, 60), c(9, 12, 2, 10, 1, 20)))
out <- format(ref, digits = 17)
out[] <- lapply(out, function(column) sub("^ *NA$", "", column))   # no interval: empty, NULL
write.csv(out, file.path(here, "rivalry.csv"), row.names = FALSE, quote = FALSE)
