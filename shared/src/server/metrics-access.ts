import { BlockList, isIP } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Settings of `/metrics`: who may read it. */
export const metricsEnvShape = {
  /** Networks (addresses or CIDR blocks, comma-separated) whose scrapers may read `/metrics` without a token. */
  METRICS_ALLOW_FROM: z.string().default('127.0.0.1/32,::1/128'),
  /** A bearer token that also admits a scraper from any address; unset, only the networks above are admitted. */
  METRICS_TOKEN: z.string().min(32).optional(),
};

export interface MetricsAccess {
  allowFrom: BlockList;
  token?: string;
}

export function metricsAccessOf(env: { METRICS_ALLOW_FROM: string; METRICS_TOKEN?: string | undefined }): MetricsAccess {
  const allowFrom = new BlockList();
  for (const entry of env.METRICS_ALLOW_FROM.split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0) throw new Error(`METRICS_ALLOW_FROM: ${entry} is not an address or CIDR block`);
    if (prefix === undefined) allowFrom.addAddress(address, type);
    else allowFrom.addSubnet(address, Number(prefix), type);
  }
  return { allowFrom, ...(env.METRICS_TOKEN ? { token: env.METRICS_TOKEN } : {}) };
}

/** Admitted: from an allowed network, or with the metrics token. Compared by digest so the time taken tells nothing. */
export function mayReadMetrics(access: MetricsAccess, remoteAddress: string | undefined, authorization: string | undefined): boolean {
  if (access.token && authorization?.startsWith('Bearer ')) {
    const digest = (text: string) => createHash('sha256').update(text).digest();
    if (timingSafeEqual(digest(authorization.slice('Bearer '.length)), digest(access.token))) return true;
  }
  if (!remoteAddress) return false;
  // An IPv4 client of a dual-stack socket appears as ::ffff:a.b.c.d.
  const address = remoteAddress.startsWith('::ffff:') ? remoteAddress.slice('::ffff:'.length) : remoteAddress;
  return access.allowFrom.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
