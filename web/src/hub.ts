import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { reactive } from 'vue';
import { i18n } from './i18n';
import { acceptAds, acceptLooks, acceptTasteVersion, signOut, store } from './store';
import type { AdSlate, LookList, Snapshot, Taste } from './types';

export type LinkState = 'offline' | 'connecting' | 'connected' | 'reconnecting';

/** The connection's state for the header badge, and how many resyncs ran (the browser tests read both). */
export const link = reactive({ state: 'offline' as LinkState, resyncs: 0 });

let connection: HubConnection | null = null;

type Handler = (...args: unknown[]) => void;
const pushHandlers = new Map<string, Set<Handler>>();
const snapshotHandlers = new Set<(snap: Snapshot) => void>();

/**
 * Lets a screen's module take a push event (ClosetUpdated, OutfitsUpdated, …) without this file knowing the
 * screen: handlers are attached to every connection, the current one included. Returns the unsubscribe.
 */
export function onPush<T>(event: string, handler: (payload: T) => void): () => void {
  const set = pushHandlers.get(event) ?? new Set<Handler>();
  pushHandlers.set(event, set);
  const h = handler as unknown as Handler;
  set.add(h);
  connection?.on(event, h);
  return () => { set.delete(h); connection?.off(event, h); };
}

/** Runs after every GetSnapshot (first connect and each reconnect), for facets the core store does not hold. */
export function onSnapshot(handler: (snap: Snapshot) => void): () => void {
  snapshotHandlers.add(handler);
  return () => snapshotHandlers.delete(handler);
}

/** Why a connection cannot go on: the Api refused the token (expired, or signed with another key). */
function unauthorized(e: unknown): boolean {
  const status = (e as { statusCode?: number } | undefined)?.statusCode;
  return status === 401 || /\b401\b/.test(String(e ?? ''));
}

/** The backoff: 0.5 s doubling to 10 s, with a little jitter so that many pages cut off at once do not return in step. */
function delay(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 10_000) * (0.8 + Math.random() * 0.4);
}

// A wait of the backoff ends early when the browser says the network is back or the page is shown again: a
// connection lost on a train or in a background tab is retried at once instead of after the rest of a 10 s wait.
let wake: (() => void) | null = null;
function pause(ms: number): Promise<void> {
  return new Promise(resolve => {
    const done = () => { clearTimeout(timer); if (wake === done) wake = null; resolve(); };
    const timer = setTimeout(done, ms);
    wake = done;
  });
}
window.addEventListener('online', () => wake?.());
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') wake?.(); });

/** The Api refused the token: sign out with a message rather than retry a connection that cannot succeed. */
function sessionEnded(): void {
  connection = null;
  link.state = 'offline';
  signOut();
  store.error = i18n.global.t('link.sessionEnded');
}

/**
 * Connects to /hubs/style with the token in the access_token query (browsers cannot set WebSocket headers), and
 * keeps it connected however it ends: a drop, the server closing it, a failed first start or reconnect are all
 * retried with backoff (ended early by `online` and `visibilitychange`); a 401 signs the user out with a message.
 * After every (re)connect it reads GetSnapshot and keeps each facet only if its version is newer than the one held:
 * pushes are not replayed, so a snapshot is how a dropped page catches up.
 */
export async function connectHub(): Promise<void> {
  await disconnectHub();
  const c = new HubConnectionBuilder()
    .withUrl('/hubs/style', { accessTokenFactory: () => store.token ?? '' })
    .configureLogging(LogLevel.Warning)
    .build();
  c.on('LooksUpdated', (list: LookList) => acceptLooks(list));
  c.on('AdsUpdated', (slate: AdSlate) => acceptAds(slate));
  c.on('TasteUpdated', (taste: Taste) => acceptTasteVersion(taste.version));
  for (const [event, handlers] of pushHandlers) for (const h of handlers) c.on(event, h);
  // One retry loop for every way a connection ends (SignalR's automatic reconnect covers only some, and its waits
  // cannot be cut short when the network comes back). stop() from disconnectHub has cleared `connection` first.
  c.onclose(error => {
    if (connection !== c) return;
    if (unauthorized(error)) { sessionEnded(); return; }
    link.state = 'reconnecting';
    void keepConnected(c);
  });
  connection = c;
  link.state = 'connecting';
  await keepConnected(c);
}

async function keepConnected(c: HubConnection): Promise<void> {
  for (let attempt = 0; connection === c && store.token; attempt++) {
    try {
      await c.start();
    } catch (e) {
      if (connection !== c) return;
      if (unauthorized(e)) { sessionEnded(); return; }
      link.state = 'reconnecting';
      await pause(attempt === 0 ? 0 : delay(attempt - 1));
      continue;
    }
    link.state = 'connected';
    // A resync cut short by a new drop is redone after the next connect (onclose starts this loop again).
    await resync(c).catch(() => undefined);
    return;
  }
}

async function resync(c: HubConnection): Promise<void> {
  if (c.state !== HubConnectionState.Connected) return;
  const snap = await c.invoke<Snapshot>('GetSnapshot');
  acceptTasteVersion(snap.version);
  acceptLooks(snap.looks);
  acceptAds(snap.ads);
  for (const h of snapshotHandlers) h(snap);
  link.resyncs++;
}

export async function disconnectHub(): Promise<void> {
  const c = connection;
  connection = null;
  link.state = 'offline';
  if (c) await c.stop();
}
