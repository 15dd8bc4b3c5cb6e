import type { TrackingUserErrorView } from './tracking.types.js';

export const userError = (code: TrackingUserErrorView['code'], message: string, field?: string[]): TrackingUserErrorView => ({ code, message, field: field ?? null });
