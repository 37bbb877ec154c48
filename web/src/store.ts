import { reactive, watch } from 'vue';
import { ApiClient } from './api';
import type { AdSlate, LookList } from './types';

/**
 * The app's one piece of shared state: the session (token and user id, kept in sessionStorage so a reload stays
 * signed in), and the live facets with their versions. The hub module and the REST calls both write the facets
 * through accept*, which keep a facet only when its version is newer, as docs/api.md ("Staying in step") asks.
 */
export const store = reactive({
  token: sessionStorage.getItem('otmz.token') as string | null,
  userId: sessionStorage.getItem('otmz.user') as string | null,
  surveyDone: false,
  /** The roles the token carries (read from its payload, for showing screens; the Api checks them itself). */
  roles: rolesOf(sessionStorage.getItem('otmz.token')),
  /** The navigation's screen key (screens.ts); kept across reloads of the tab. */
  screen: sessionStorage.getItem('otmz.screen') ?? 'feed',
  looks: null as LookList | null,
  ads: null as AdSlate | null,
  tasteVersion: 0,
  /** Looks changed by a push or a resync since the page loaded: the tests and the user can see the feed move. */
  feedUpdates: 0,
  error: null as string | null,
});

export const api = new ApiClient(() => store.token);

watch(() => store.screen, s => sessionStorage.setItem('otmz.screen', s));

function rolesOf(token: string | null): string[] {
  if (!token) return [];
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    const roles = payload.role ?? payload.roles ?? [];
    return Array.isArray(roles) ? roles : [roles];
  } catch {
    return [];
  }
}

export function signIn(userId: string, token: string) {
  store.userId = userId;
  store.token = token;
  store.roles = rolesOf(token);
  sessionStorage.setItem('otmz.user', userId);
  sessionStorage.setItem('otmz.token', token);
}

export function signOut() {
  store.userId = null;
  store.token = null;
  store.surveyDone = false;
  store.roles = [];
  store.screen = 'feed';
  store.looks = null;
  store.ads = null;
  store.tasteVersion = 0;
  sessionStorage.removeItem('otmz.user');
  sessionStorage.removeItem('otmz.token');
}

export function acceptLooks(list: LookList) {
  // Two lists of one version are the same state (docs/api.md, "Versions"), so only a newer one replaces it.
  if (store.looks && list.version <= store.looks.version) return;
  const changed = store.looks !== null;
  store.looks = list;
  if (changed) store.feedUpdates++;
}

export function acceptAds(slate: AdSlate) {
  if (store.ads && slate.version <= store.ads.version) return;
  store.ads = slate;
}

export function acceptTasteVersion(version: number) {
  if (version > store.tasteVersion) store.tasteVersion = version;
}

export function showError(e: unknown) {
  store.error = e instanceof Error ? e.message : String(e);
}
