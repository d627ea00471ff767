// The admin API with the session cookie: every state-changing call carries the session's
// anti-CSRF token, and errors become the API's French `message`.

let csrfToken = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function useCsrfToken(token) {
  csrfToken = token;
}

/** Called when the server no longer knows the session (expired, or signed out elsewhere). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function api(method, path, body) {
  // The API answers in English when the browser's first language is English: the teacher reads French.
  const headers = { Accept: 'application/json', 'Accept-Language': 'fr' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur ne répond pas.');
  }
  if (response.status === 204) {
    return null;
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new ApiError(response.status, data?.error ?? 'http', data?.message ?? `Erreur ${response.status} du serveur.`);
    if (response.status === 401 && !path.startsWith('/tableau/session')) {
      onSignedOut('Votre session a expiré : reconnectez-vous.');
    }
    throw error;
  }
  return data;
}

/** A user or channel name as one path segment (a channel's `#` included). */
export function segment(name) {
  return encodeURIComponent(name.trim());
}
