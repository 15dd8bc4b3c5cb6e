import { z } from 'zod';
import { baseEnvSchema, EnvironmentError, readEnv } from './env.js';

const withKey = z.object({ ADDRESS_KEY_SECRET: z.string().min(32).default('development-only-address-key-change-me-0123456789') });
const real = 'a-real-secret-of-enough-length-0123456789';

describe('readEnv refuses development secrets in production', () => {
  it.each([
    ['development, defaults', baseEnvSchema, {}, null],
    ['production, default JWT secret', baseEnvSchema, { NODE_ENV: 'production' }, 'JWT_SECRET'],
    ['production, own JWT secret', baseEnvSchema, { NODE_ENV: 'production', JWT_SECRET: real }, null],
    ['production, default address key', withKey, { NODE_ENV: 'production' }, 'ADDRESS_KEY_SECRET'],
    ['production, own address key', withKey, { NODE_ENV: 'production', ADDRESS_KEY_SECRET: real }, null],
  ])('%s', (_case, schema, source, refused) => {
    const read = () => readEnv(schema as z.ZodObject, source as NodeJS.ProcessEnv);
    if (refused === null) return expect(read).not.toThrow();
    expect(read).toThrow(EnvironmentError);
    try {
      read();
    } catch (error) {
      expect((error as EnvironmentError).problems).toEqual([`${refused}: the development default must not be used in production`]);
    }
  });
});
