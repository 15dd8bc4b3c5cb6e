/** Damped additive Holt-Winters parameters; all in (0, 1]. */
export interface HoltWintersParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** The grid the fit searches: small, because daily demand series are short and noisy. */
const ALPHAS = [0.1, 0.3, 0.5];
const BETAS = [0.01, 0.1];
const GAMMAS = [0.05, 0.2, 0.4];
const PHIS = [0.9, 0.98];

/**
 * Forecasts `horizon` steps of a series with damped additive trend and additive season of length
 * `period` (Gardner & McKenzie damping: the trend flattens, so a short surge is not extrapolated forever).
 * Needs two full seasons to initialise; negative forecasts are clipped (demand cannot be negative).
 */
export function holtWintersForecast(series: readonly number[], period: number, horizon: number, params: HoltWintersParams): number[] {
  const { alpha, beta, gamma, phi } = params;
  if (series.length < 2 * period) throw new RangeError(`Holt-Winters needs at least ${2 * period} points`);
  let { level, trend, season } = initialState(series, period);
  for (let t = period; t < series.length; t += 1) {
    const s = season[t % period]!;
    const previousLevel = level;
    level = alpha * (series[t]! - s) + (1 - alpha) * (previousLevel + phi * trend);
    trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
    season[t % period] = gamma * (series[t]! - level) + (1 - gamma) * s;
  }
  const forecast: number[] = [];
  let damped = 0;
  for (let h = 1; h <= horizon; h += 1) {
    damped += phi ** h;
    forecast.push(Math.max(0, level + damped * trend + season[(series.length + h - 1) % period]!));
  }
  return forecast;
}

/** Chooses parameters by one-step-ahead squared error over the series' second half. */
export function fitHoltWinters(series: readonly number[], period: number): HoltWintersParams {
  let best: { params: HoltWintersParams; error: number } | undefined;
  for (const alpha of ALPHAS)
    for (const beta of BETAS)
      for (const gamma of GAMMAS)
        for (const phi of PHIS) {
          const params = { alpha, beta, gamma, phi };
          const error = oneStepError(series, period, params);
          if (!best || error < best.error) best = { params, error };
        }
  return best!.params;
}

function oneStepError(series: readonly number[], period: number, { alpha, beta, gamma, phi }: HoltWintersParams): number {
  let { level, trend, season } = initialState(series, period);
  let error = 0;
  for (let t = period; t < series.length; t += 1) {
    const s = season[t % period]!;
    const predicted = level + phi * trend + s;
    if (t >= series.length / 2) error += (series[t]! - predicted) ** 2;
    const previousLevel = level;
    level = alpha * (series[t]! - s) + (1 - alpha) * (previousLevel + phi * trend);
    trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
    season[t % period] = gamma * (series[t]! - level) + (1 - gamma) * s;
  }
  return error;
}

/**
 * Level at the end of the first season, trend from the first two seasons' means, and seasonal offsets from
 * the detrended first season (otherwise a trend inside the first week is mistaken for a weekly pattern).
 */
function initialState(series: readonly number[], period: number) {
  const firstMean = mean(series.slice(0, period));
  const trend = (mean(series.slice(period, 2 * period)) - firstMean) / period;
  const centre = (period - 1) / 2;
  const season = series.slice(0, period).map((value, index) => value - (firstMean + (index - centre) * trend));
  return { level: firstMean + (period - 1 - centre) * trend, trend, season };
}

export const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
