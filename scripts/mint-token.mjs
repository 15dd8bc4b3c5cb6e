// Mints a development token: node scripts/mint-token.mjs [--role admin] [--regions cn,de] [--subject id] [--purpose p]
import { parseArgs } from 'node:util';
import { mintToken } from '@hub/shared/auth/jwt';
import { baseEnvSchema } from '@hub/shared/env';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'admin' },
    regions: { type: 'string', default: '' },
    subject: { type: 'string' },
    purpose: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
const env = baseEnvSchema.parse(process.env);
const principal = {
  subject: values.subject ?? `dev-${values.role}`,
  role: values.role,
  regions: values.regions ? values.regions.split(',') : [],
  ...(values.purpose ? { purpose: values.purpose } : {}),
};
console.log(await mintToken({ secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }, principal, values.expires));
