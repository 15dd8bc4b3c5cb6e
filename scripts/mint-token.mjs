// Mints a development token: node scripts/mint-token.mjs [--role admin] [--regions cn,de] [--subject id] [--purpose p]
// [--expires 12h] [--compact] (the compact form mobile apps send: a CWT, see shared/src/auth/cwt.ts; --expires in hours)
import { parseArgs } from 'node:util';
import { mintCompactToken } from '@hub/shared/auth/cwt';
import { mintToken } from '@hub/shared/auth/jwt';
import { baseEnvSchema } from '@hub/shared/env';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'admin' },
    regions: { type: 'string', default: '' },
    subject: { type: 'string' },
    purpose: { type: 'string' },
    expires: { type: 'string', default: '12h' },
    compact: { type: 'boolean', default: false },
  },
});
const env = baseEnvSchema.parse(process.env);
const principal = {
  subject: values.subject ?? `dev-${values.role}`,
  role: values.role,
  regions: values.regions ? values.regions.split(',') : [],
  ...(values.purpose ? { purpose: values.purpose } : {}),
};
const settings = { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
const hours = /^(\d+)h$/.exec(values.expires);
if (values.compact && !hours) throw new Error('--compact takes --expires in hours, e.g. 12h');
console.log(values.compact ? mintCompactToken(settings, principal, Number(hours[1]) * 3600) : await mintToken(settings, principal, values.expires));
