# Runs R's forecast package on series written by bench/series.ts.
# Input: one series per line, tab-separated: id, period, horizon, values
# (space-separated). Output: one line per series and method, tab-separated:
# id, method, seconds, then the mean, lower 50, upper 50, lower 90 and
# upper 90 forecasts (space-separated; "NA" when R gives none).
# Usage: Rscript series.R <in> <out> <methods, comma-separated>
suppressMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
methods <- strsplit(args[3], ",")[[1]]
input <- readLines(args[1])
out <- file(args[2], "w")

fit_one <- function(method, y, h) {
  switch(method,
    ets = forecast(ets(y), h = h, level = c(50, 90)),
    thetaf = thetaf(y, h = h, level = c(50, 90)),
    auto.arima = forecast(auto.arima(y), h = h, level = c(50, 90)),
    croston = croston(y, h = h),
    stop("unknown method ", method))
}

join <- function(x) {
  if (is.null(x)) "NA" else paste(sprintf("%.10g", as.numeric(x)), collapse = " ")
}

for (line in input) {
  parts <- strsplit(line, "\t")[[1]]
  period <- as.integer(parts[2])
  h <- as.integer(parts[3])
  y <- ts(as.numeric(strsplit(parts[4], " ")[[1]]), frequency = period)
  for (method in methods) {
    start <- proc.time()[["elapsed"]]
    fc <- tryCatch(fit_one(method, y, h), error = function(e) NULL)
    seconds <- proc.time()[["elapsed"]] - start
    if (is.null(fc)) {
      writeLines(paste(parts[1], method, seconds, "NA", sep = "\t"), out)
      next
    }
    lower <- fc$lower
    upper <- fc$upper
    bands <- if (is.null(lower)) {
      rep("NA", 4)
    } else {
      c(join(lower[, 1]), join(upper[, 1]), join(lower[, 2]), join(upper[, 2]))
    }
    fields <- c(parts[1], method, seconds, join(fc$mean), bands)
    writeLines(paste(fields, collapse = "\t"), out)
  }
}
close(out)
