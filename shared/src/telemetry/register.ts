// The entry every service starts with (`node --import @hub/shared/telemetry/register dist/bundle.js`): tracing has to
// be set up before the service's modules are imported, which a call from main.ts would be too late for. It imports
// nothing of the service's own (env.ts loads graphql), so what it instruments is still unloaded. With tracing off
// (the default without an OTLP endpoint) the SDK, its instrumentations and zod are not even imported; each service
// checks the tracing settings with the rest of its environment (env.ts).
import { tracingEnabled } from './tracing-switch.js';

if (tracingEnabled(process.env)) {
  const { tracingEnvSchema } = await import('./tracing-settings.js');
  const settings = tracingEnvSchema.safeParse(process.env);
  if (!settings.success) {
    throw new Error(`Invalid environment:\n  ${settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
  }
  const { startTracing } = await import('./tracing.js');
  await startTracing(settings.data);
}
