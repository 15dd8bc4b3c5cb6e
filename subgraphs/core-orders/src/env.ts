import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';

export const coreEnvSchema = baseEnvSchema.extend({ PORT: portSchema(4001) });
export type CoreEnv = ReturnType<typeof readCoreEnv>;
export const readCoreEnv = (source: NodeJS.ProcessEnv = process.env) => readEnv(coreEnvSchema, source);
