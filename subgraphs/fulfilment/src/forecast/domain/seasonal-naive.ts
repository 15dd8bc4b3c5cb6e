/** Each future day repeats the same weekday of the last observed season: the baseline any model must beat. */
export function seasonalNaiveForecast(series: readonly number[], period: number, horizon: number): number[] {
  if (series.length < period) throw new RangeError(`seasonal naive needs at least ${period} points`);
  return Array.from({ length: horizon }, (_, h) => series[series.length - period + (h % period)]!);
}
