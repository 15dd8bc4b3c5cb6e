import { useSyncExternalStore } from 'react';

/**
 * Routes live in the URL's hash (`#/orders/123`): every view is a link that can be bookmarked and opened
 * in a new tab, and the static server needs no route table.
 */
const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};
const read = () => window.location.hash.replace(/^#/, '') || '/orders';

export function useRoute(): { path: string; segments: string[]; query: URLSearchParams } {
  const hash = useSyncExternalStore(subscribe, read);
  const [path = '/orders', search = ''] = hash.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export const href = (path: string, query?: Record<string, string | undefined>) => {
  const params = new URLSearchParams(Object.entries(query ?? {}).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
};

export const navigate = (path: string, query?: Record<string, string | undefined>) => {
  window.location.hash = href(path, query);
};
