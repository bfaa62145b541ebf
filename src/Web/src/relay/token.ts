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

export type Role = 'MEMBER' | 'ORGANISER' | 'CAMPAIGN_ORGANISER' | 'TREASURER' | 'EDITOR' | 'ADMIN';

let rolesOf: { token: string | null; roles: ReadonlyArray<Role> } = { token: null, roles: [] };

/**
 * The roles in the held token's "role" claims (none when signed out). Only for what the screens offer (the
 * menu, the role areas): the server decides every request by its own check of the token.
 */
export function getRoles(): ReadonlyArray<Role> {
  const token = getToken();
  if (token === rolesOf.token) return rolesOf.roles;
  let roles: Role[] = [];
  try {
    const payload = token?.split('.')[1];
    if (payload) {
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { role?: string | string[] };
      roles = ([] as string[]).concat(claims.role ?? []) as Role[];
    }
  } catch { roles = []; }
  rolesOf = { token, roles };
  return roles;
}
