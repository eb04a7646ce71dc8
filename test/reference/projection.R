# Reference projections: R's predict(lm, interval = "confidence") and
# predict(lm, interval = "prediction") for the trend and for the rivalry's
# log-ratio (mapped to shares by the logistic function), on the shipped
# data; and the quasi-binomial predictive band of a logistic fit, from
# glm()'s fit, its standard errors and dispersion.  Regenerate:
#   Rscript test/reference/projection.R  (writes projection.csv here)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
data_dir <- file.path(here, "..", "..", "data")
epoch <- function(d) as.numeric(as.POSIXct(d, tz = "UTC"))
expit <- function(x) 1 / (1 + exp(-x))

# PyTorch questions per year at mid-year, projected yearly to 2024-07-01
yearly <- read.csv(file.path(data_dir, "stackoverflow_framework_questions_yearly.csv"))
pt <- yearly[yearly$framework == "pytorch" & yearly$questions > 0, ]
t_obs <- as.Date(sprintf("%d-07-01", pt$year))
t_all <- c(t_obs, as.Date(sprintf("%d-07-01", 2021:2024)))
m <- lm(q ~ x, data = data.frame(q = pt$questions, x = epoch(t_obs)))
p <- predict(m, newdata = data.frame(x = epoch(t_all)), interval = "confidence", level = 0.9)
trend <- data.frame(case = "pytorch_trend", time = format(t_all), fitted = p[, "fit"],
                    lower = p[, "lwr"], upper = p[, "upr"])
p <- predict(m, newdata = data.frame(x = epoch(t_all)), interval = "prediction", level = 0.9)
trend_pred <- data.frame(case = "pytorch_trend_prediction", time = format(t_all), fitted = p[, "fit"],
                         lower = p[, "lwr"], upper = p[, "upr"])

# Python against Java per month, log-linear, projected quarterly to 2021-07-01
monthly <- read.csv(file.path(data_dir, "stackoverflow_tag_posts_monthly.csv"))
w <- reshape(monthly[monthly$tag %in% c("python", "java"), ],
             idvar = "month", timevar = "tag", direction = "wide")
w <- w[order(w$month), ]
t_obs <- as.Date(w$month)
t_all <- c(t_obs, seq(as.Date("2020-10-01"), as.Date("2021-07-01"), by = "3 months"))
m <- lm(y ~ x, data = data.frame(y = log(w$posts.python / w$posts.java), x = epoch(t_obs)))
p <- predict(m, newdata = data.frame(x = epoch(t_all)), interval = "confidence", level = 0.95)
rivalry <- data.frame(case = "python_java_share", time = format(t_all), fitted = expit(p[, "fit"]),
                      lower = expit(p[, "lwr"]), upper = expit(p[, "upr"]))
p <- predict(m, newdata = data.frame(x = epoch(t_all)), interval = "prediction", level = 0.8)
rivalry_pred <- data.frame(case = "python_java_share_prediction", time = format(t_all),
                           fitted = expit(p[, "fit"]), lower = expit(p[, "lwr"]), upper = expit(p[, "upr"]))

# The logistic fit's predictive band: the share of one more period of m
# posts has quasi-binomial variance phi mu (1 - mu) / m, on the logit scale
# (delta method) phi / (m mu (1 - mu)), added to the fitted line's variance;
# t quantile on the residual df.  m is the period's own a + b where observed,
# the mean a + b of the fitted periods after.
g <- glm(cbind(posts.python, posts.java) ~ x, family = quasibinomial,
         data = data.frame(posts.python = w$posts.python, posts.java = w$posts.java, x = epoch(t_obs)))
phi <- summary(g)$dispersion
p <- predict(g, newdata = data.frame(x = epoch(t_all)), type = "link", se.fit = TRUE)
m_all <- c(w$posts.python + w$posts.java,
           rep(mean(w$posts.python + w$posts.java), length(t_all) - length(t_obs)))
mu <- expit(p$fit)
se <- sqrt(p$se.fit^2 + phi / (m_all * mu * (1 - mu)))
q <- qt(0.975, df.residual(g))
logistic_pred <- data.frame(case = "python_java_logistic_prediction", time = format(t_all),
                            fitted = mu, lower = expit(p$fit - q * se), upper = expit(p$fit + q * se))

# Cox's empirical logit (lm() with its inverse-variance weights): one more
# period of m posts has variance sigma^2 (1 / (m mu + 1/2) + 1 / (m (1 - mu)
# + 1/2)) on the logit scale, mu the fitted share, added to the line's
ya <- w$posts.python + 0.5
yb <- w$posts.java + 0.5
e <- lm(y ~ x, weights = 1 / (1 / ya + 1 / yb), data = data.frame(y = log(ya / yb), x = epoch(t_obs)))
p <- predict(e, newdata = data.frame(x = epoch(t_all)), se.fit = TRUE)
mu <- expit(p$fit)
se <- sqrt(p$se.fit^2 + summary(e)$sigma^2 * (1 / (m_all * mu + 0.5) + 1 / (m_all * (1 - mu) + 0.5)))
q <- qt(0.975, df.residual(e))
empirical_pred <- data.frame(case = "python_java_empirical_prediction", time = format(t_all),
                             fitted = mu, lower = expit(p$fit - q * se), upper = expit(p$fit + q * se))

# Williams' procedure (as test/reference/rivalry.R): a binomial glm() with
# prior weights 1 / (1 + phi (m - 1) mu (1 - mu)) at the fit's own shares,
# phi where the Pearson statistic equals the residual df; one more period of
# m posts has variance (1 + phi (m - 1) mu (1 - mu)) / (m mu (1 - mu)) on the
# logit scale; t quantile on the residual df less phi's
d <- data.frame(a = w$posts.python, b = w$posts.java, x = epoch(t_obs))
mm <- d$a + d$b
fitw <- function(phi, pw = rep(1, nrow(d))) suppressWarnings(glm(cbind(a, b) ~ x, family = binomial,
  data = d, weights = pw, control = glm.control(epsilon = 1e-13, maxit = 200)))
fixed <- function(phi) {
  m <- fitw(phi)
  for (k in 1:50) {
    mu <- fitted(m)
    m <- fitw(phi, 1 / (1 + phi * (mm - 1) * mu * (1 - mu)))
  }
  m
}
# (the Pearson statistic of the periods with at least 5 expected on each
# side at the plain fit: here every month has thousands)
mu0 <- fitted(fitw(0))
counted <- pmin(mm * mu0, mm * (1 - mu0)) >= 5
if (sum(counted) < 3) counted[] <- TRUE
pearson <- function(m) sum(residuals(m, "pearson")[counted]^2)
df_w <- sum(counted) - 2
hi <- 1
while (pearson(fixed(hi)) > df_w) hi <- hi * 2
phi <- uniroot(function(p) pearson(fixed(p)) - df_w, c(0, hi), tol = 1e-14)$root
g <- fixed(phi)
p <- predict(g, newdata = data.frame(x = epoch(t_all)), type = "link", se.fit = TRUE)
mu <- expit(p$fit)
se <- sqrt(p$se.fit^2 + (1 + phi * (m_all - 1) * mu * (1 - mu)) / (m_all * mu * (1 - mu)))
q <- qt(0.975, df_w - 1)
williams_pred <- data.frame(case = "python_java_williams_prediction", time = format(t_all),
                            fitted = mu, lower = expit(p$fit - q * se), upper = expit(p$fit + q * se))

write.csv(format(rbind(trend, trend_pred, rivalry, rivalry_pred, logistic_pred, empirical_pred, williams_pred),
                 digits = 17),
          file.path(here, "projection.csv"),
          row.names = FALSE, quote = FALSE)
