import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { auctionChannel, LiveAuctionMessageSchema } from '../../../schemas/transfer';
import { type AuctionViewData, fetchAllQuotes, fetchAuction } from '../services/transfers';
import { learnServerNow } from './server-clock';

/** The live channel's URL as `/config.json` names it, or null when the rooms only poll. */
let liveUrl: string | null = null;

/** Sets the live channel's URL (from `/config.json`, at start). */
export function configureLive(url: string | undefined): void {
  liveUrl = url ?? null;
}

/** How the room learns of changes: pushed over the WebSocket, or read every few seconds. */
export type LiveStatus = 'connecting' | 'live' | 'polling';

/** How often the room reads the view while pushes arrive (a check), and while they do not. */
const POLL_WHEN_LIVE_MS = 30_000;
const POLL_WHEN_OFFLINE_MS = 3_000;
/** The longest wait between two attempts to reconnect. */
const MAX_RECONNECT_MS = 30_000;

/** The WebSocket address of a channel: a path on this origin locally, a `wss://` URL in AWS. */
export function liveSocketUrl(base: string, channel: string, origin: string): string {
  const url = new URL(base, origin);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  url.searchParams.set('channel', channel);
  return url.toString();
}

/** The query key of a transfer's live view. */
export function auctionKey(tenderId: string): readonly unknown[] {
  return ['auction', tenderId];
}

/**
 * Keeps the newer of two views: a slow poll answered after a push must not take the room back.
 *
 * Why the count first: accepted quotes only add up, and a later view of the same count differs only by
 * the phase (which the server's time decides) or by the end (closed, reserve).
 */
export function newerView(cached: AuctionViewData | undefined, incoming: AuctionViewData): AuctionViewData {
  if (!cached) return incoming;
  if (incoming.quoteCount !== cached.quoteCount)
    return incoming.quoteCount > cached.quoteCount ? incoming : cached;
  return Date.parse(incoming.serverTime) >= Date.parse(cached.serverTime) ? incoming : cached;
}

/** Takes one pushed frame into the cache; answers whether it was the room's. */
function receive(queryClient: QueryClient, tenderId: string, data: unknown): boolean {
  let json: unknown;
  try {
    json = JSON.parse(String(data));
  } catch {
    return false;
  }
  const message = LiveAuctionMessageSchema.safeParse(json);
  if (!message.success || message.data.tenderId !== tenderId) return false;
  const view = message.data.view as AuctionViewData;
  learnServerNow(view.serverTime);
  queryClient.setQueryData<AuctionViewData>(auctionKey(tenderId), (cached) => newerView(cached, view));
  void queryClient.invalidateQueries({ queryKey: [...auctionKey(tenderId), 'quotes'] });
  if (message.data.event !== 'quote') void queryClient.invalidateQueries({ queryKey: ['tender', tenderId] });
  return true;
}

/**
 * The live view of a listing or auction: pushed over the live channel as quotes are accepted, read
 * again every few seconds whenever the channel is down (the fallback), and once in a while anyway.
 */
export function useLiveAuction(tenderId: string) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>(liveUrl ? 'connecting' : 'polling');
  const query = useQuery({
    queryKey: auctionKey(tenderId),
    queryFn: async ({ signal }) =>
      newerView(
        queryClient.getQueryData<AuctionViewData>(auctionKey(tenderId)),
        await fetchAuction(tenderId, signal),
      ),
    refetchInterval: status === 'live' ? POLL_WHEN_LIVE_MS : POLL_WHEN_OFFLINE_MS,
    staleTime: 0,
  });

  useEffect(() => {
    const base = liveUrl;
    if (!base || typeof WebSocket === 'undefined') return;
    let socket: WebSocket | null = null;
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const connect = () => {
      setStatus((s) => (s === 'live' ? 'live' : 'connecting'));
      socket = new WebSocket(liveSocketUrl(base, auctionChannel(tenderId), window.location.origin));
      socket.onopen = () => {
        attempts = 0;
        setStatus('live');
        // What changed while the channel was down
        void queryClient.invalidateQueries({ queryKey: auctionKey(tenderId) });
      };
      socket.onmessage = (event) => {
        receive(queryClient, tenderId, event.data);
      };
      socket.onclose = () => {
        socket = null;
        if (stopped) return;
        setStatus('polling');
        attempts += 1;
        timer = setTimeout(connect, Math.min(MAX_RECONNECT_MS, 1000 * 2 ** Math.min(attempts, 5)));
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [tenderId, queryClient]);

  return { ...query, liveStatus: status };
}

/** The quote history of a room, read again whenever a push or a quote says it grew. */
export function useQuoteHistory(tenderId: string, quoteCount: number | undefined) {
  return useQuery({
    queryKey: [...auctionKey(tenderId), 'quotes', quoteCount ?? 0],
    queryFn: ({ signal }) => fetchAllQuotes(tenderId, signal),
    enabled: quoteCount !== undefined,
    placeholderData: (previous) => previous,
  });
}
