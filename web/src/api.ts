import type {
  AdSlate, LookList, Look, Me, Problem, SignalAck, SignalInput, SimilarLooks, Style, TokenResponse,
} from './types';

/** A refused request: the Problem Details body the Api sent, or one made up for a network failure. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(ApiError.describe(problem));
  }

  /** One line for the user: the title, the detail, then each field's messages. */
  static describe(p: Problem): string {
    const fields = Object.entries(p.errors ?? {}).map(([k, v]) => `${k}: ${v.join(' ')}`);
    return [p.title, p.detail, ...fields].filter(Boolean).join(' — ') || `HTTP ${p.status ?? '?'}`;
  }
}

/** A refusal's Problem Details, or one made from the status line when the body is not JSON (a proxy's 413, say). */
export function problemOf(status: number, statusText: string, contentType: string | null, body: string): Problem {
  if ((contentType ?? '').includes('json')) {
    try {
      return { status, ...(JSON.parse(body) as Problem) };
    } catch { /* not JSON after all: fall through to the status line */ }
  }
  return { status, title: statusText || `HTTP ${status}` };
}

/**
 * The typed REST client: same-origin fetches under /api/v1 with the bearer token, JSON in and out, and every
 * non-2xx answer turned into an ApiError carrying its Problem Details.
 */
export class ApiClient {
  constructor(private readonly token: () => string | null) {}

  /** The bearer token and Accept, for requests made outside fetch (an upload by XMLHttpRequest). */
  headers(accept = 'application/json'): Record<string, string> {
    const headers: Record<string, string> = { Accept: accept };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  private async send(method: string, url: string, body?: unknown, accept?: string): Promise<Response> {
    const headers = this.headers(accept);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new ApiError({ title: 'Network error', detail: String(e) });
    }
    if (!res.ok) throw new ApiError(problemOf(res.status, res.statusText, res.headers.get('Content-Type'), await res.text()));
    return res;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, `/api/v1${path}`, body);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  /** A picture the Api serves only with the bearer token (a closet cutout), by its absolute path. */
  async blob(path: string): Promise<Blob> { return (await this.send('GET', path, undefined, 'image/*')).blob(); }

  /** Any route of /api/v1, for the screens' own modules (outfits.ts, codibook.ts…) that keep their calls beside them. */
  request<T>(method: string, path: string, body?: unknown): Promise<T> { return this.call<T>(method, path, body); }

  devToken(userId: string, roles: string[] = []) { return this.call<TokenResponse>('POST', '/auth/dev-token', { userId, roles }); }
  styles() { return this.call<Style[]>('GET', '/styles'); }
  looks(limit: number, style?: string) {
    const q = new URLSearchParams({ limit: String(limit) });
    if (style) q.set('style', style);
    return this.call<{ items: Look[]; nextCursor: string | null }>('GET', `/looks?${q}`);
  }
  me() { return this.call<Me>('GET', '/users/me'); }
  survey(likedLookIds: string[], likedStyles: string[]) {
    return this.call<{ version: number }>('POST', '/users/me/survey', { likedLookIds, likedStyles });
  }
  recommendations(k = 20) { return this.call<LookList>('GET', `/users/me/recommendations/looks?k=${k}`); }
  similar(lookId: string, k = 6) { return this.call<SimilarLooks>('GET', `/looks/${encodeURIComponent(lookId)}/similar?k=${k}`); }
  signal(s: SignalInput) { return this.call<SignalAck>('POST', '/users/me/signals', s); }
  ads(k = 5) { return this.call<AdSlate>('GET', `/users/me/recommendations/ads?k=${k}`); }
  clickAd(id: string, clickId: string) {
    return this.call<{ campaignId: string; clickId: string; duplicate: boolean }>('POST', `/ads/${encodeURIComponent(id)}/click`, { clickId });
  }
}

/** A client-chosen id for signals and clicks: unique per send, reused only on a retry of the same send. */
export function newId(prefix: string): string {
  // getRandomValues, unlike randomUUID, also works outside a secure context (plain http on a LAN address).
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')}`;
}
