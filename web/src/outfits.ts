import { reactive, watch } from 'vue';
import { newId } from './api';
import { onPush, onSnapshot } from './hub';
import { api, store } from './store';
import type { Look, Reason, SignalAck } from './types';

/**
 * Today's outfits from the user's closet: the wire shapes of docs/api.md ("Closet"), the REST calls the Outfits
 * screen makes, and the outfits facet kept at its newest version whether it came from GET .../closet/outfits, an
 * OutfitsUpdated push or a snapshot after a reconnect (they are the same JSON). Registered with the hub when this
 * module first loads, which is when the Outfits screen first opens; the screen reads the REST list on mount, so
 * nothing is missed before that.
 */

export interface OutfitItem { itemId: string; slot: string; category: string | null; colour: string | null; cutoutUrl: string }
export interface Outfit { id: string; items: OutfitItem[]; score: number; reasons: Reason[] }
export interface OutfitWeather { temperatureC: number; precipitationMm: number; source: 'observed' | 'typical' | string }
export interface OutfitList {
  version: number; generatedAt: string; day: string; occasion: string | null; weather: OutfitWeather;
  items: Outfit[]; emptyReason: string | null;
}

export interface CompletionSuggestion {
  source: string; itemId: string | null; lookId: string | null; garmentIndex: number | null;
  category: string | null; colour: string | null; score: number; reasons: Reason[];
}
export interface CompletionSlot { slot: string; closet: CompletionSuggestion[]; catalog: CompletionSuggestion[]; emptyReason: string | null }
export interface CompletionResult { slots: CompletionSlot[] }

export interface Weather { temperatureC: number; precipitationMm: number; condition: string; observedAt: string }
export interface RegionWeather { region: string; weather: Weather | null; version: number }
export interface Profile { gender: string | null; birthYear: number | null; region: string | null; occasion: string | null }
/** What the user can do with an outfit on the Outfits screen. */
export type OutfitAction = 'like' | 'dislike' | 'save' | 'worn' | 'complete';
export interface WornAck { duplicate: boolean; version: number }

export const outfits = reactive({
  list: null as OutfitList | null,
  /** Lists replaced after the first (by push, snapshot or a later read): the tests and the user see the screen move. */
  updates: 0,
  profile: null as Profile | null,
  regionWeather: null as RegionWeather | null,
});

export function acceptOutfits(list: OutfitList) {
  // Two lists of one version are the same state (docs/api.md, "Versions"): only a newer one replaces the held one.
  if (outfits.list && list.version <= outfits.list.version) return;
  const before = outfits.list;
  outfits.list = list;
  if (before) outfits.updates++;
  // The list carries the temperature only; the region's condition is read again when the weather it used moved.
  if (!before || before.weather.temperatureC !== list.weather.temperatureC || before.weather.precipitationMm !== list.weather.precipitationMm
      || before.weather.source !== list.weather.source) {
    void refreshRegionWeather();
  }
}

onPush<OutfitList>('OutfitsUpdated', acceptOutfits);
onSnapshot(snap => { if (snap.outfits) acceptOutfits(snap.outfits as OutfitList); });

// Another user signing in on this tab starts from nothing: versions are per user.
watch(() => store.userId, () => {
  outfits.list = null;
  outfits.updates = 0;
  outfits.profile = null;
  outfits.regionWeather = null;
  for (const url of pictures.values()) void url.then(u => { if (u) URL.revokeObjectURL(u); });
  pictures.clear();
  pendingIds.clear();
});

export async function loadOutfits(): Promise<void> {
  acceptOutfits(await api.request<OutfitList>('GET', '/users/me/closet/outfits?k=5'));
}

export async function loadProfile(): Promise<Profile> {
  const me = await api.request<{ profile: Profile }>('GET', '/users/me');
  outfits.profile = me.profile;
  await refreshRegionWeather();
  return me.profile;
}

/** Sets the region and keeps the rest of the profile: PUT /users/me/profile replaces it whole. */
export async function setRegion(region: string): Promise<void> {
  const current = outfits.profile ?? await loadProfile();
  await api.request('PUT', '/users/me/profile', { ...current, region });
  outfits.profile = { ...current, region: region.toLowerCase() };
  await Promise.all([refreshRegionWeather(), loadOutfits()]);
}

async function refreshRegionWeather(): Promise<void> {
  const region = outfits.profile?.region;
  if (!region) {
    outfits.regionWeather = null;
    return;
  }
  try {
    const read = await api.request<RegionWeather>('GET', `/regions/${encodeURIComponent(region)}/weather`);
    if (!outfits.regionWeather || outfits.regionWeather.region !== read.region || read.version >= outfits.regionWeather.version) {
      outfits.regionWeather = read;
    }
  } catch {
    // The condition is a nicety beside the temperature the list carries; the list is shown without it.
  }
}

// A client id per action and outfit, made once and reused: a repeated press or a retry is a duplicate the Api
// acknowledges without counting it again.
const pendingIds = new Map<string, string>();
function idFor(action: string, outfitId: string): string {
  const key = `${action}:${outfitId}`;
  let id = pendingIds.get(key);
  if (!id) pendingIds.set(key, id = newId(action));
  return id;
}

export function signalOutfit(outfit: Outfit, type: 'like' | 'dislike'): Promise<SignalAck> {
  return api.request<SignalAck>('POST', '/users/me/closet/outfits/signals', {
    id: idFor(type, outfit.id), type, itemIds: outfit.items.map(i => i.itemId),
  });
}

export function wore(outfit: Outfit): Promise<WornAck> {
  return api.request<WornAck>('POST', '/users/me/closet/outfits/worn', { id: idFor('worn', outfit.id), itemIds: outfit.items.map(i => i.itemId) });
}

export function completeOutfit(outfit: Outfit): Promise<CompletionResult> {
  return api.request<CompletionResult>('POST', '/users/me/closet/outfits/complete', { itemIds: outfit.items.map(i => i.itemId) });
}

/** The client id of the codibook entry an outfit is saved as (codibook.ts sends it). */
export function saveIdFor(outfit: Outfit): string {
  return idFor('cb', outfit.id);
}

const looks = new Map<string, Promise<Look | null>>();
/** A catalog look a completion suggestion names, read once per page. */
export function lookById(id: string): Promise<Look | null> {
  let look = looks.get(id);
  if (!look) {
    look = api.request<Look>('GET', `/looks/${encodeURIComponent(id)}`).catch(() => null);
    looks.set(id, look);
  }
  return look;
}

const pictures = new Map<string, Promise<string | null>>();
/**
 * A closet picture (a cutout) as an object URL: the route needs the bearer token, which an <img src> cannot send,
 * so it is fetched and kept as a blob for the page's life. Null when it cannot be read; the caller draws instead.
 */
export function closetPicture(path: string): Promise<string | null> {
  let url = pictures.get(path);
  if (!url) {
    url = api.blob(path).then(blob => URL.createObjectURL(blob), () => null);
    pictures.set(path, url);
  }
  return url;
}
