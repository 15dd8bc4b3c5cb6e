import { backtest, forecastDemand, mase, wape } from './backtest.js';
import { holtWintersForecast } from './holt-winters.js';
import { seasonalNaiveForecast } from './seasonal-naive.js';

const weekly = [10, 12, 11, 13, 20, 30, 25];
const repeat = (weeks: number, trendPerDay = 0) => Array.from({ length: weeks * 7 }, (_, t) => weekly[t % 7]! + trendPerDay * t);

describe('error measures', () => {
  it.each([
    ['perfect', [1, 2, 3], [1, 2, 3], 0],
    ['half off', [2, 2], [1, 3], 0.5],
    ['no demand, none forecast', [0, 0], [0, 0], 0],
  ])('wape: %s', (_case, actual, predicted, expected) => {
    expect(wape(actual, predicted)).toBeCloseTo(expected);
  });

  it('mase scales by the in-sample seasonal-naive error', () => {
    expect(mase([12], [10], [0, 1, 2, 4], 1)).toBeCloseTo(2 / (4 / 3));
  });
});

describe('forecast methods', () => {
  it('seasonal naive repeats the last week', () => {
    expect(seasonalNaiveForecast(repeat(2), 7, 9)).toEqual([...weekly, weekly[0], weekly[1]]);
  });

  it('Holt-Winters reproduces a clean season and follows a trend, damped', () => {
    expect(holtWintersForecast(repeat(6), 7, 7, { alpha: 0.3, beta: 0.1, gamma: 0.2, phi: 0.98 }).map(Math.round)).toEqual(weekly);
    const trending = holtWintersForecast(repeat(8, 0.5), 7, 14, { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 0.9 });
    expect(trending[13]!).toBeGreaterThan(weekly[6]! + 0.5 * 56);
    expect(trending[13]! - trending[6]!).toBeLessThan(0.5 * 7 * 1.01);
  });

  it('never forecasts negative demand', () => {
    const falling = Array.from({ length: 28 }, (_, t) => 200 - 7 * t);
    expect(Math.min(...holtWintersForecast(falling, 7, 14, { alpha: 0.5, beta: 0.5, gamma: 0.1, phi: 1 }))).toBe(0);
  });
});

describe('forecastDemand chooses by rolling backtest', () => {
  it.each([
    ['a trend favours Holt-Winters', repeat(10, 1), 'HOLT_WINTERS'],
    ['a short series falls back to the baseline', repeat(2), 'SEASONAL_NAIVE'],
  ])('%s', (_case, series, method) => {
    expect(forecastDemand(series, 7).method).toBe(method);
  });

  it('scores both methods and picks the lower WAPE', () => {
    const result = forecastDemand(repeat(10, 1), 7);
    const [hw, naive] = result.scores;
    expect(hw!.wape).toBeLessThan(naive!.wape);
    expect(backtest(repeat(10), 'SEASONAL_NAIVE').wape).toBe(0);
  });

  it('a series shorter than a week forecasts its mean', () => {
    expect(forecastDemand([2, 4], 3).forecast).toEqual([3, 3, 3]);
  });
});
