import { api, signIn } from './store';
import type { TokenResponse } from './types';

/**
 * OpenID Connect sign-in in the browser, the authorization code flow with PKCE: GET /auth/providers says which
 * providers the Api trusts (and whether dev sign-in is on); a button sends the tab to the provider's authorization
 * endpoint with a fresh state, nonce and code challenge kept in sessionStorage; the provider sends it back to
 * /auth/callback, where the state is checked and the code, verifier and nonce go to POST /auth/oidc, which redeems
 * the code at the provider (holding any client secret) and answers an OtMz token. SignIn.vue drives both halves.
 */

export interface Provider {
  name: string;
  displayName: string;
  issuer: string;
  clientId: string;
  scopes: string[];
  /** From the provider's discovery document; null while the Api cannot reach the provider. */
  authorizationEndpoint: string | null;
}
export interface SignInOptions { devSignIn: boolean; providers: Provider[] }

/** Why a sign-in did not finish, for SignIn.vue to put into words: the provider's own error, or ours. */
export class SignInFailure extends Error {
  constructor(readonly kind: 'provider' | 'state' | 'unreachable' | 'insecure', readonly provider: string, readonly said = '') {
    super(`${kind}: ${provider} ${said}`.trim());
  }
}

export const callbackPath = '/auth/callback';
const pendingKey = 'otmz.oidc';

interface Pending { provider: string; displayName: string; state: string; nonce: string; verifier: string; redirectUri: string }

export function signInOptions(): Promise<SignInOptions> {
  return api.request<SignInOptions>('GET', '/auth/providers');
}

function randomText(): string {
  // 32 random bytes as base64url: 43 characters, a valid PKCE verifier and an unguessable state or nonce.
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the tab to the provider. Resolves only when it cannot (the page is left otherwise). */
export async function startSignIn(p: Provider): Promise<void> {
  if (!p.authorizationEndpoint) throw new SignInFailure('unreachable', p.displayName);
  // SubtleCrypto exists only in a secure context (HTTPS or localhost), which providers ask of redirect URIs anyway.
  if (!crypto.subtle) throw new SignInFailure('insecure', p.displayName);
  const pending: Pending = {
    provider: p.name, displayName: p.displayName, state: randomText(), nonce: randomText(), verifier: randomText(),
    redirectUri: `${location.origin}${callbackPath}`,
  };
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(p.authorizationEndpoint);
  const query: Record<string, string> = {
    response_type: 'code', client_id: p.clientId, redirect_uri: pending.redirectUri, scope: p.scopes.join(' '),
    state: pending.state, nonce: pending.nonce, code_challenge: challenge, code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  location.assign(url.toString());
}

/** The provider's display name while a callback is being finished, or null when this page is no callback. */
export function callbackPending(): string | null {
  if (location.pathname !== callbackPath) return null;
  try {
    return (JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as Pending | null)?.displayName ?? '';
  } catch {
    return '';
  }
}

/**
 * On /auth/callback: checks that the answer belongs to the sign-in this tab started (its state), then trades the
 * code for an OtMz token. The pending sign-in and the callback URL are cleared first, so a reload or a second
 * answer cannot reuse them; a failure throws a SignInFailure (or the Api's ApiError).
 */
export async function finishSignIn(): Promise<void> {
  const params = new URLSearchParams(location.search);
  let pending: Pending | null = null;
  try {
    pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as Pending | null;
  } catch { /* a damaged entry is no sign-in of ours */ }
  sessionStorage.removeItem(pendingKey);
  history.replaceState(null, '', '/');
  const returnedState = params.get('state');
  if (!pending || !returnedState || returnedState !== pending.state) {
    throw new SignInFailure('state', pending?.displayName ?? '');
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new SignInFailure('provider', pending.displayName, description ? `${error}: ${description}` : error);
  }
  const code = params.get('code');
  if (!code) throw new SignInFailure('provider', pending.displayName, 'no code');
  const res = await api.request<TokenResponse>('POST', '/auth/oidc', {
    provider: pending.provider, code, codeVerifier: pending.verifier, redirectUri: pending.redirectUri, nonce: pending.nonce,
  });
  signIn(subjectOf(res.accessToken), res.accessToken);
}

function subjectOf(token: string): string {
  const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  return String(payload.sub);
}
