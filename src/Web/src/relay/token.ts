// The access token: in memory and in this tab's sessionStorage only (never localStorage, never a cookie).
const key = 'wp.accessToken';
let current: string | null = null;

export function getToken(): string | null {
  if (current === null) {
    try { current = sessionStorage.getItem(key); } catch { current = null; }
  }
  return current;
}

export function setToken(token: string | null): void {
  current = token;
  try {
    if (token === null) sessionStorage.removeItem(key); else sessionStorage.setItem(key, token);
  } catch { /* storage refused (private mode): memory only */ }
}
