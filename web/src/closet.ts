import { reactive, watch } from 'vue';
import { ApiError, problemOf } from './api';
import { onPush, onSnapshot } from './hub';
import { api, store } from './store';
import type { PaletteEntry, Snapshot } from './types';

/**
 * The closet's wire types, its REST calls and its live state, for the Closet screen (components/Closet*.vue).
 * The list is read over REST; the hub only says that the closet version moved (ClosetUpdated, and the snapshot's
 * closet part after a reconnect), and a newer version than the one shown makes this module read the list again
 * (docs/api.md, "Closet" and "Staying in step"). The vocabulary below mirrors Grains.Interfaces (GarmentSlot,
 * GarmentVocabulary, Print, Availability, GarmentWarmth): the Api has no route that lists it.
 */

export const slots = ['outer', 'top', 'bottom', 'one-piece', 'shoes', 'bag', 'accessory'] as const;
export type Slot = typeof slots[number];

export const categoriesBySlot: Record<Slot, readonly string[]> = {
  outer: ['coat', 'jacket', 'jumper', 'padding', 'vest', 'cardigan', 'zip-up'],
  top: ['top', 'blouse', 't-shirt', 'knitwear', 'shirt', 'bra-top', 'hoodie'],
  bottom: ['jeans', 'pants', 'skirt', 'leggings', 'jogger pants'],
  'one-piece': ['dress', 'jumpsuit'],
  shoes: ['sneakers', 'boots', 'loafers', 'heels', 'sandals'],
  bag: ['tote', 'backpack', 'crossbody', 'clutch'],
  accessory: ['cap', 'hat', 'scarf', 'belt', 'jewellery', 'sunglasses'],
};

export const prints = [
  'plain', 'check', 'stripe', 'zigzag', 'leopard', 'zebra', 'dot', 'camouflage', 'paisley', 'argyle', 'floral',
  'graphic', 'lettering', 'tie-dye', 'mixed', 'houndstooth', 'gingham', 'heart', 'skull', 'snakeskin', 'gradation',
] as const;
export type Print = typeof prints[number];

/** 0 summer only, 1 light, 2 medium, 3 warm, 4 heavy. */
export const warmths = [0, 1, 2, 3, 4] as const;

export const availabilities = ['available', 'laundry', 'stored'] as const;
export type Availability = typeof availabilities[number];

export interface StyleScore { key: string; score: number }

export interface ClosetItem {
  id: string;
  slot: Slot | null;
  category: string | null;
  colours: PaletteEntry[];
  print: Print | null;
  styleVector: number[];
  styles: StyleScore[];
  stylesCorrected: boolean;
  styleModel: string | null;
  warmth: number;
  warmthCorrected: boolean;
  availability: Availability;
  wornOn: string[];
  wornCount: number;
  cutoutUncertain: boolean;
  imageUrl: string;
  cutoutUrl: string;
  createdAt: string;
}

export interface ClosetStyle { itemCount: number; vector: number[] | null; styles: StyleScore[] }
export interface ClosetList { items: ClosetItem[]; style: ClosetStyle; version: number }
/** What ClosetUpdated carries, and the snapshot's closet part. */
export interface ClosetFacet { version: number; style: ClosetStyle }

export interface ClosetPatch {
  slot?: Slot; category?: string; styles?: string[]; print?: Print; warmth?: number; availability?: Availability;
}

export interface UploadFields { slot?: Slot; category?: string }

const itemsPath = '/users/me/closet/items';

const itemUrl = (id: string) => `${itemsPath}/${encodeURIComponent(id)}`;

export const closetApi = {
  list(): Promise<ClosetList> { return api.request<ClosetList>('GET', itemsPath); },
  patch(id: string, patch: ClosetPatch): Promise<ClosetItem> { return api.request<ClosetItem>('PATCH', itemUrl(id), patch); },
  remove(id: string): Promise<void> { return api.request<void>('DELETE', itemUrl(id)); },
  /** The cutout as a blob: an <img src> cannot carry the bearer token, so the screen shows it by an object URL. */
  cutout(item: ClosetItem): Promise<Blob> { return api.blob(item.cutoutUrl); },

  /**
   * POSTs the photo as multipart/form-data. XMLHttpRequest rather than fetch, because only it reports upload
   * progress; `onProgress` gets the fraction sent, and 1 once the bytes are all sent and the Api is analysing.
   */
  upload(file: File, fields: UploadFields, onProgress: (fraction: number) => void): Promise<ClosetItem> {
    const form = new FormData();
    form.append('image', file, file.name || 'photo');
    if (fields.slot) form.append('slot', fields.slot);
    if (fields.category) form.append('category', fields.category);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/v1${itemsPath}`);
      for (const [k, v] of Object.entries(api.headers())) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = e => { if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total); };
      xhr.upload.onload = () => onProgress(1);
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as ClosetItem);
        else reject(new ApiError(problemOf(xhr.status, xhr.statusText, xhr.getResponseHeader('Content-Type'), xhr.responseText)));
      };
      xhr.onerror = () => reject(new ApiError({ title: 'Network error', detail: 'The photo did not reach the server.' }));
      xhr.send(form);
    });
  },
};

/** The list shown, `updates` counting the re-reads a push or a resync caused (the tests and the user see it move). */
export const closet = reactive({ list: null as ClosetList | null, updates: 0, watching: 0 });

let reading: Promise<void> | null = null;
let again = false;

/** Keeps a list only when its version is newer than the one shown (pushes and reads arrive in any order). */
export function acceptCloset(list: ClosetList, live = false) {
  if (closet.list && list.version <= closet.list.version) return;
  const had = closet.list !== null;
  closet.list = list;
  if (had && live) closet.updates++;
}

/** Reads the list; a call while a read is running reads once more after it, so the newest state is never missed. */
export function refreshCloset(live = false): Promise<void> {
  if (reading) {
    again = true;
    return reading;
  }
  reading = (async () => {
    try {
      do {
        again = false;
        acceptCloset(await closetApi.list(), live);
      } while (again);
    } finally {
      reading = null;
    }
  })();
  return reading;
}

/** A pushed or snapshotted closet version: re-read only when it is newer than the list shown. */
function heard(facet: ClosetFacet | null | undefined) {
  if (!facet || closet.watching === 0) return;
  if (closet.list && facet.version <= closet.list.version) return;
  refreshCloset(true).catch(() => { /* the next push or resync tries again */ });
}

onPush<ClosetFacet>('ClosetUpdated', heard);
onSnapshot((snap: Snapshot) => heard(snap.closet as ClosetFacet | null));
// Another user signing in on this tab must not see the previous closet, not even for a moment.
watch(() => store.userId, () => { closet.list = null; });

/** The styles a person would say the item has: all of a correction's, else the detected ones near the top score. */
export function heldStyles(item: ClosetItem, keys: readonly string[]): string[] {
  if (item.stylesCorrected) return keys.filter((_, i) => (item.styleVector[i] ?? 0) > 0);
  const top = item.styles[0]?.score ?? 0;
  return item.styles.filter(s => s.score > 0 && s.score >= top / 2).map(s => s.key);
}
