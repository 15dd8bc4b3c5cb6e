import { useSyncExternalStore } from 'react';

/** Who is logged in, as the development login answered; held in memory only, never in browser storage. */
export interface Session {
  token: string;
  principal: { subject: string; role: string; regions: string[] };
  expiresAt: string;
}

let current: Session | null = null;
const listeners = new Set<() => void>();

export const sessionStore = {
  get: () => current,
  set(session: Session | null) {
    current = session;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export const useSession = () => useSyncExternalStore(sessionStore.subscribe, sessionStore.get);

export class LoginRefusedError extends Error {}

/** Asks the console's server for a development token; it exists only outside production. */
export async function developmentLogin(request: { role: string; regions: string[]; subject?: string }): Promise<Session> {
  const response = await fetch('/dev/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new LoginRefusedError(body.error ?? `Login failed (${response.status})`);
  return body as Session;
}
