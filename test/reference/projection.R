# Reference projections: R's predict(lm, interval = "confidence") and
# predict(lm, interval = "prediction") for the trend and for the rivalry's
# log-ratio (mapped to shares by the logistic function), on the shipped
# data; and the quasi-binomial predictive band of a logistic fit, from
# glm()'s fit, its standard errors and dispersion.  Regenerate:
#   Rscript test/reference/projection.R  (writes projection.csv here)
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
data_dir <- file.path(here, "..", "..", "data")
source(file.path(here, "fits.R"))
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

# Williams' procedure (fits.R): one more period of m posts has variance
# (1 + phi (m - 1) mu (1 - mu)) / (m mu (1 - mu)) on the logit scale, added
# to the fitted line's; t quantile on the residual df less phi's
wf <- williams(epoch(t_obs), w$posts.python, w$posts.java)
X_all <- cbind(1, epoch(t_all))
eta <- drop(X_all %*% wf$coefficients)
mu <- expit(eta)
se <- sqrt(rowSums((X_all %*% wf$V) * X_all) + (1 + wf$phi * (m_all - 1) * mu * (1 - mu)) / (m_all * mu * (1 - mu)))
q <- qt(0.975, wf$df)
williams_pred <- data.frame(case = "python_java_williams_prediction", time = format(t_all),
                            fitted = mu, lower = expit(eta - q * se), upper = expit(eta + q * se))

write.csv(format(rbind(trend, trend_pred, rivalry, rivalry_pred, logistic_pred, empirical_pred, williams_pred),
                 digits = 17),
          file.path(here, "projection.csv"),
          row.names = FALSE, quote = FALSE)
