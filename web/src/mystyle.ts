import { reactive, watch } from 'vue';
import { onPush, onSnapshot } from './hub';
import { api, showError, store } from './store';
import type { Snapshot, Style } from './types';

/**
 * The "my style" screen's data: GET /users/me (the my page: the taste's and the closet's style stats side by
 * side, the colour affinity, the counts) and the taxonomy (GET /styles) for the radar's labels. A TasteUpdated or
 * ClosetUpdated push, or a snapshot after a reconnect, with a version newer than the one shown re-reads the my
 * page, so the radar moves by itself when a signal is sent from another device.
 */

export interface StyleScore { key: string; score: number }
export interface StyleStat { scores: StyleScore[]; top: StyleScore[] }
export interface ColourScore { colour: string; score: number }
export interface MyPageCounts {
  signalsApplied: number; saves: number; closetItems: number; outfitsWorn: number; itemWears: number; codibookEntries: number;
}
export interface AvailabilityCount { availability: string; count: number }
export interface MyPage {
  userId: string;
  version: number;
  signalsApplied: number;
  styleStat: { taste: StyleStat; closet: StyleStat; closetItemCount: number };
  colourAffinity: ColourScore[];
  counts: MyPageCounts;
  closet: { byAvailability: AvailabilityCount[] };
}

export const myStyle = reactive({
  page: null as MyPage | null,
  styles: [] as Style[],
  /** The closet version last pushed (ClosetUpdated or a snapshot); the my page itself does not carry it. */
  closetVersion: 0,
  /** Re-reads done because of a push or a resync (the tests watch the radar move). */
  updates: 0,
});

let latest = 0;
let wired = false;

// Another user signing in on this page starts from nothing, not from the last user's my page.
watch(() => store.userId, () => {
  latest++;
  myStyle.page = null;
  myStyle.closetVersion = 0;
});

/** Reads the my page; of overlapping reads only the last one started is kept. */
export async function loadMyPage(): Promise<void> {
  const ticket = ++latest;
  try {
    const page = await api.request<MyPage>('GET', '/users/me');
    if (ticket === latest) myStyle.page = page;
  } catch (e) {
    showError(e);
  }
}

async function reload() {
  await loadMyPage();
  myStyle.updates++;
}

/** Loads the screen's data and, once per page load, subscribes to the pushes that change it. */
export async function startMyStyle(): Promise<void> {
  if (!wired) {
    wired = true;
    onPush<{ version: number }>('TasteUpdated', t => { if (!myStyle.page || t.version > myStyle.page.version) void reload(); });
    onPush<{ version: number }>('ClosetUpdated', c => {
      if (c.version > myStyle.closetVersion) {
        myStyle.closetVersion = c.version;
        void reload();
      }
    });
    onSnapshot((snap: Snapshot) => {
      const closet = (snap.closet as { version?: number } | null)?.version ?? 0;
      const newerCloset = closet > myStyle.closetVersion;
      myStyle.closetVersion = Math.max(closet, myStyle.closetVersion);
      if (myStyle.page && (snap.version > myStyle.page.version || newerCloset)) void reload();
    });
  }

  try {
    const [styles] = await Promise.all([myStyle.styles.length ? Promise.resolve(myStyle.styles) : api.styles(), loadMyPage()]);
    myStyle.styles = styles;
  } catch (e) {
    showError(e);
  }
}
