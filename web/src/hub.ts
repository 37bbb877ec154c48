import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import { reactive } from 'vue';
import { acceptAds, acceptLooks, acceptTasteVersion, store } from './store';
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

/**
 * Connects to /hubs/style with the token in the access_token query (browsers cannot set WebSocket headers),
 * reconnects by itself after a drop, and after every (re)connect reads GetSnapshot and keeps each facet only if
 * its version is newer than the one held: pushes are not replayed, so a snapshot is how a dropped page catches up.
 */
export async function connectHub(): Promise<void> {
  await disconnectHub();
  const c = new HubConnectionBuilder()
    .withUrl('/hubs/style', { accessTokenFactory: () => store.token ?? '' })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(500 * 2 ** ctx.previousRetryCount, 10_000) })
    .configureLogging(LogLevel.Warning)
    .build();
  c.on('LooksUpdated', (list: LookList) => acceptLooks(list));
  c.on('AdsUpdated', (slate: AdSlate) => acceptAds(slate));
  c.on('TasteUpdated', (taste: Taste) => acceptTasteVersion(taste.version));
  for (const [event, handlers] of pushHandlers) for (const h of handlers) c.on(event, h);
  c.onreconnecting(() => { link.state = 'reconnecting'; });
  c.onreconnected(() => { link.state = 'connected'; void resync(c); });
  c.onclose(() => { if (connection === c) link.state = 'offline'; });
  connection = c;
  link.state = 'connecting';
  await startWithRetry(c);
}

async function startWithRetry(c: HubConnection): Promise<void> {
  // The automatic reconnect covers drops after a first connection only; a first start that fails retries here.
  for (let attempt = 0; connection === c; attempt++) {
    try {
      await c.start();
      link.state = 'connected';
      await resync(c);
      return;
    } catch {
      link.state = 'reconnecting';
      await new Promise(r => setTimeout(r, Math.min(500 * 2 ** attempt, 10_000)));
    }
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
