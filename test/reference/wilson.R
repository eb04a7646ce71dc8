# Reference Wilson score intervals for the share_interval() tests, from R's
# prop.test(x, n, correct = FALSE), whose interval is Wilson's.
# Regenerate: Rscript test/reference/wilson.R  (writes wilson.csv here)
cases <- data.frame(
  part  = c(166, 74, 0, 240, 1, 5, 50, 3.3, 999999, 7),
  total = c(240, 240, 240, 240, 2, 1000, 100, 13.6, 1000000, 7),
  level = c(0.95, 0.95, 0.95, 0.95, 0.9, 0.99, 0.5, 0.95, 0.999, 0.8))
ci <- t(mapply(function(x, n, l) prop.test(x, n, conf.level = l, correct = FALSE)$conf.int,
               cases$part, cases$total, cases$level))
cases$lower <- ci[, 1]
cases$upper <- ci[, 2]
here <- dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)))
write.csv(format(cases, digits = 17), file.path(here, "wilson.csv"),
          row.names = FALSE, quote = FALSE)
