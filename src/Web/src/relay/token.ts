// The access token: in memory and in this tab's sessionStorage only (never localStorage, never a cookie).
// Beside it, the signed-in member's given name, for the navigation (no other personal data is kept).
const key = 'wp.accessToken';
const nameKey = 'wp.givenName';
let current: string | null = null;
let currentName: string | null = null;
let loaded = false;
const listeners = new Set<() => void>();

function load(): void {
  if (loaded) return;
  loaded = true;
  try { current = sessionStorage.getItem(key); currentName = sessionStorage.getItem(nameKey); } catch { current = null; currentName = null; }
}

export function getToken(): string | null {
  load();
  return current;
}

/** The signed-in member's given name (null when signed out, or for an account without a member record). */
export function getGivenName(): string | null {
  load();
  return current === null ? null : currentName;
}

export function setToken(token: string | null, givenName: string | null = null): void {
  loaded = true;
  current = token;
  currentName = token === null ? null : givenName;
  try {
    if (token === null) { sessionStorage.removeItem(key); sessionStorage.removeItem(nameKey); }
    else {
      sessionStorage.setItem(key, token);
      if (givenName === null) sessionStorage.removeItem(nameKey); else sessionStorage.setItem(nameKey, givenName);
    }
  } catch { /* storage refused (private mode): memory only */ }
  listeners.forEach((l) => l());
}

/** For useSyncExternalStore: called when the token changes. */
export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}
