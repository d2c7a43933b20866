'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/api';
import { quoteCart } from '@/lib/shop';
import type { CartLine, Quote } from '@/lib/types';

export type QuoteState =
  | { status: 'empty' }
  | { status: 'loading'; quote: Quote | null }
  | { status: 'ready'; quote: Quote }
  | { status: 'failed'; message: string; quote: Quote | null };

/** A sentence for a quote that failed: the API's own words when it refused, else what to do. */
export function quoteErrorMessage(error: unknown): string {
  if (error instanceof ApiError && !error.network) return error.message;
  return 'We couldn’t reach the store to price your cart. Check your connection and try again.';
}

/**
 * The cart priced by the server (`quote`), asked again whenever the lines or the country change.
 * The last quote stays on screen (marked busy) while the next one is on its way, and an answer that
 * arrives after a newer request was sent is ignored.
 */
export function useQuote(
  lines: readonly CartLine[],
  country: string | null,
  enabled = true,
): QuoteState & { retry: () => void } {
  const [state, setState] = useState<QuoteState>({ status: 'loading', quote: null });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify([lines, country]);

  useEffect(() => {
    if (!enabled) return;
    const request = ++latest.current;
    if (lines.length === 0) {
      setState({ status: 'empty' });
      return;
    }
    setState((current) => ({ status: 'loading', quote: 'quote' in current ? current.quote : null }));
    quoteCart(lines, country).then(
      (quote) => {
        if (request === latest.current) setState({ status: 'ready', quote });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setState((current) => ({
          status: 'failed',
          message: quoteErrorMessage(error),
          quote: 'quote' in current ? current.quote : null,
        }));
      },
    );
    // `key` stands for `lines` and `country`: a new array with the same lines asks nothing new.
  }, [key, attempt, enabled]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
}
