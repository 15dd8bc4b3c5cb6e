import { fitHoltWinters, holtWintersForecast } from './holt-winters.js';
import { seasonalNaiveForecast } from './seasonal-naive.js';

export const FORECAST_METHODS = ['HOLT_WINTERS', 'SEASONAL_NAIVE'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export interface BacktestScore {
  method: ForecastMethod;
  wape: number;
  mase: number;
}

export interface ForecastResult {
  method: ForecastMethod;
  forecast: number[];
  scores: BacktestScore[];
}

/** Weekly season of daily demand. */
export const WEEK = 7;

/** Weighted absolute percentage error: Σ|error| / Σ actual (robust to days without demand). */
export function wape(actual: readonly number[], predicted: readonly number[]): number {
  const volume = actual.reduce((sum, value) => sum + Math.abs(value), 0);
  const error = actual.reduce((sum, value, index) => sum + Math.abs(value - predicted[index]!), 0);
  return volume === 0 ? (error === 0 ? 0 : Number.POSITIVE_INFINITY) : error / volume;
}

/** Mean absolute scaled error against the in-sample seasonal-naive error (Hyndman & Koehler 2006). */
export function mase(actual: readonly number[], predicted: readonly number[], history: readonly number[], period: number): number {
  let scale = 0;
  for (let t = period; t < history.length; t += 1) scale += Math.abs(history[t]! - history[t - period]!);
  scale /= Math.max(1, history.length - period);
  const error = actual.reduce((sum, value, index) => sum + Math.abs(value - predicted[index]!), 0) / Math.max(1, actual.length);
  return scale === 0 ? (error === 0 ? 0 : Number.POSITIVE_INFINITY) : error / scale;
}

export function forecastWith(method: ForecastMethod, history: readonly number[], period: number, horizon: number): number[] {
  return method === 'HOLT_WINTERS'
    ? holtWintersForecast(history, period, horizon, fitHoltWinters(history, period))
    : seasonalNaiveForecast(history, period, horizon);
}

/**
 * Rolling-origin backtest: from each of `origins` cut points a `horizon`-day forecast is compared with what
 * happened. Errors are pooled over all origins, so one odd week does not decide.
 */
export function backtest(series: readonly number[], method: ForecastMethod, { period = WEEK, horizon = WEEK, origins = 4 } = {}): BacktestScore {
  const actual: number[] = [];
  const predicted: number[] = [];
  let maseSum = 0;
  let counted = 0;
  for (let k = origins; k >= 1; k -= 1) {
    const cut = series.length - k * horizon;
    if (cut < 2 * period) continue;
    const history = series.slice(0, cut);
    const truth = series.slice(cut, cut + horizon);
    const forecast = forecastWith(method, history, period, truth.length);
    actual.push(...truth);
    predicted.push(...forecast);
    maseSum += mase(truth, forecast, history, period);
    counted += 1;
  }
  return { method, wape: wape(actual, predicted), mase: counted === 0 ? Number.POSITIVE_INFINITY : maseSum / counted };
}

/**
 * Forecasts a daily demand series with whichever method backtested better (WAPE, then MASE). A series too
 * short for Holt-Winters or the backtest uses the seasonal-naive baseline, or the mean when shorter than a week.
 */
export function forecastDemand(series: readonly number[], horizon: number, period = WEEK): ForecastResult {
  if (series.length < period) {
    const level = series.length === 0 ? 0 : series.reduce((sum, value) => sum + value, 0) / series.length;
    return { method: 'SEASONAL_NAIVE', forecast: Array.from({ length: horizon }, () => level), scores: [] };
  }
  if (series.length < 3 * period + horizon) {
    return { method: 'SEASONAL_NAIVE', forecast: seasonalNaiveForecast(series, period, horizon), scores: [] };
  }
  const scores = FORECAST_METHODS.map((method) => backtest(series, method, { period, horizon: Math.min(horizon, period) }));
  const [best] = [...scores].sort((a, b) => a.wape - b.wape || a.mase - b.mase);
  return { method: best!.method, forecast: forecastWith(best!.method, series, period, horizon), scores };
}
