/**
 * What the order page did to keep up, in the order it happened: its `order(orderId)` reads and the
 * AppSync realtime frames it received. A status that arrives as a `data` frame after the
 * subscription's `start_ack`, with no read after the one the acknowledgement triggers, came through
 * the subscription and not by polling.
 */
import type { Page } from '@playwright/test';

export type Seen = { kind: 'order-read' } | { kind: 'frame'; type: string; status?: string };

/** Starts recording the page's order reads and realtime frames; the array fills as they happen. */
export function watchOrderTraffic(page: Page): Seen[] {
  const seen: Seen[] = [];
  page.on('request', (request) => {
    if (
      request.method() === 'POST' &&
      request.url().endsWith('/graphql') &&
      /\border\(orderId/.test(request.postData() ?? '')
    )
      seen.push({ kind: 'order-read' });
  });
  page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/graphql/realtime')) return;
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        type: string;
        payload?: { data?: { onOrderUpdated?: { status?: string } } };
      };
      seen.push({ kind: 'frame', type: message.type, status: message.payload?.data?.onOrderUpdated?.status });
    });
  });
  return seen;
}

/** What happened after AppSync acknowledged the subscription (empty when it never did). */
export function afterAcknowledgement(seen: Seen[]): Seen[] {
  const acked = seen.findIndex((s) => s.kind === 'frame' && s.type === 'start_ack');
  return acked < 0 ? [] : seen.slice(acked + 1);
}
