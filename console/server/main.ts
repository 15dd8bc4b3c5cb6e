import { z } from 'zod';
import { jwtSettingsOf } from '@hub/shared/auth/jwt';
import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';
import { consolePublicDir, startConsoleServer } from './console-server.js';

const env = readEnv(
  baseEnvSchema.extend({
    CONSOLE_PORT: portSchema(4100),
    GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
    TRACKING_STREAM_URL: z.string().url().default('http://127.0.0.1:4007/graphql/stream'),
  }),
);
const running = await startConsoleServer({
  gatewayUrl: env.GATEWAY_URL,
  trackingStreamUrl: env.TRACKING_STREAM_URL,
  publicDir: consolePublicDir,
  port: env.CONSOLE_PORT,
  host: env.HOST,
  ...(env.NODE_ENV === 'production' ? {} : { developmentLogin: jwtSettingsOf(env) }),
});
console.log(JSON.stringify({ level: 30, msg: 'console listening', url: running.url }));
const stop = () => void running.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
