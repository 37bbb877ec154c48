import { api } from './store';
import type { Look, PaletteEntry } from './types';

/**
 * The codibook: the wire shapes of docs/api.md ("Codibook") and its REST calls. The Codibook screen pages through
 * the entries; the Outfits screen saves to it with a client id (outfits.saveIdFor), so a repeated save answers the
 * stored entry instead of adding a second.
 */

/** The fields of a closet item the codibook shows (the full item is the closet screen's). */
export interface SavedItem { id: string; slot: string | null; category: string | null; colours: PaletteEntry[]; cutoutUrl: string }

export interface CodibookEntry {
  id: string; kind: 'look' | 'outfit'; note: string | null; savedAt: string;
  lookId: string | null; look: Look | null;
  itemIds: string[]; items: SavedItem[]; missingItemIds: string[]; complete: boolean;
}
export interface CodibookPage { items: CodibookEntry[]; nextCursor: string | null; total: number; maxEntries: number }

export const PageSize = 10;

export function listCodibook(after?: string | null): Promise<CodibookPage> {
  const q = new URLSearchParams({ limit: String(PageSize) });
  if (after) q.set('after', after);
  return api.request<CodibookPage>('GET', `/users/me/codibook?${q}`);
}

export function saveOutfitToCodibook(id: string, itemIds: string[]): Promise<CodibookEntry> {
  return api.request<CodibookEntry>('POST', '/users/me/codibook', { id, itemIds });
}

/** Saves a catalog look; the Api counts it as the look's save signal too, so the feed sends no separate signal. */
export function saveLookToCodibook(id: string, lookId: string): Promise<CodibookEntry> {
  return api.request<CodibookEntry>('POST', '/users/me/codibook', { id, lookId });
}

export function deleteCodibookEntry(id: string): Promise<void> {
  return api.request<void>('DELETE', `/users/me/codibook/${encodeURIComponent(id)}`);
}
