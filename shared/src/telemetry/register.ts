// The entry every service starts with (`node --import @hub/shared/telemetry/register dist/main.js`): tracing has to
// be set up before the service's modules are imported, which a call from main.ts would be too late for. It imports
// nothing of the service's own (env.ts loads graphql), so what it instruments is still unloaded. With tracing off
// (the default without an OTLP endpoint) the SDK and its instrumentations are not even imported.
import { tracingEnabled, tracingEnvSchema } from './tracing-settings.js';

const settings = tracingEnvSchema.safeParse(process.env);
if (!settings.success) {
  throw new Error(`Invalid environment:\n  ${settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
}
if (tracingEnabled(settings.data)) {
  const { startTracing } = await import('./tracing.js');
  await startTracing(settings.data);
}
