import { useEffect, useState, type FormEvent } from 'react';
import { developmentLogin, LoginRefusedError, sessionStore } from '../../app/session';

const REGIONS = ['cn', 'de', 'sea'];

export function LoginView() {
  const [role, setRole] = useState('operator');
  const [regions, setRegions] = useState<string[]>(['cn']);
  const [subject, setSubject] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The roles a token can carry come from the hub; what each may do is decided by the API, not here.
  const [roles, setRoles] = useState<string[]>([]);
  useEffect(() => {
    fetch('/dev/login')
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((body: { roles: string[] }) => setRoles(body.roles))
      .catch(() => setError('Development login is not available on this server.'));
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      sessionStore.set(await developmentLogin({ role, regions, ...(subject.trim() ? { subject: subject.trim() } : {}) }));
    } catch (failure) {
      setError(failure instanceof LoginRefusedError ? failure.message : 'The console server could not be reached');
    } finally {
      setBusy(false);
    }
  };

  const toggle = (region: string) => setRegions((current) => (current.includes(region) ? current.filter((r) => r !== region) : [...current, region]));

  return (
    <main className="login" id="main">
      <h1>Order hub console</h1>
      <p className="hint">Development login: pick a role and the regions it acts in. The hub decides what that role may see and do.</p>
      <form onSubmit={submit} aria-label="Development login">
        <label htmlFor="login-role">Role</label>
        <select id="login-role" value={role} onChange={(event) => setRole(event.target.value)}>
          {roles.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Regions</legend>
          {REGIONS.map((region) => (
            <label key={region} className="inline">
              <input type="checkbox" checked={regions.includes(region)} onChange={() => toggle(region)} /> {region.toUpperCase()}
            </label>
          ))}
        </fieldset>
        <label htmlFor="login-subject">Subject (optional; a customer's reference such as demo-cn-3)</label>
        <input id="login-subject" value={subject} onChange={(event) => setSubject(event.target.value)} autoComplete="off" />
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        {error ? (
          <p className="notice notice-failed" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </main>
  );
}
