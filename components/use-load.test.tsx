import { act, renderHook, waitFor } from '@testing-library/react';
import { useCallback } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useLoad } from './use-load';

type Loaded = { name: 'ready'; value: string };

describe('useLoad', () => {
  it('shows loading, then what the load answered', async () => {
    const { result } = renderHook(() =>
      useLoad(useCallback(async (): Promise<Loaded> => ({ name: 'ready', value: 'orders' }), [])),
    );
    expect(result.current.state).toEqual({ name: 'loading' });
    await waitFor(() => expect(result.current.state).toEqual({ name: 'ready', value: 'orders' }));
  });

  it('names a failure, and loads again on retry', async () => {
    const load = vi
      .fn<() => Promise<Loaded>>()
      .mockRejectedValueOnce(new Error('the API is down'))
      .mockResolvedValueOnce({ name: 'ready', value: 'second try' });
    const { result } = renderHook(() => useLoad(load));
    await waitFor(() => expect(result.current.state).toEqual({ name: 'failed', message: 'the API is down' }));

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.state).toEqual({ name: 'ready', value: 'second try' }));
    expect(result.current.attempt).toBe(1);
  });

  it('keeps only the latest load’s answer when what it reads changes meanwhile', async () => {
    let finishFirst: (loaded: Loaded) => void = () => {};
    const first = new Promise<Loaded>((resolve) => (finishFirst = resolve));
    const { result, rerender } = renderHook(
      ({ status }) =>
        useLoad(
          useCallback(
            (): Promise<Loaded> => (status === 'PENDING' ? first : Promise.resolve({ name: 'ready', value: status })),
            [status],
          ),
        ),
      { initialProps: { status: 'PENDING' } },
    );
    rerender({ status: 'SHIPPED' });
    await waitFor(() => expect(result.current.state).toEqual({ name: 'ready', value: 'SHIPPED' }));

    await act(async () => finishFirst({ name: 'ready', value: 'PENDING' }));
    expect(result.current.state).toEqual({ name: 'ready', value: 'SHIPPED' });
  });

  it('waits for the signed-in owner, loads for them, again for another, and says a failure in the page’s words', async () => {
    const load = vi.fn<() => Promise<Loaded>>().mockResolvedValue({ name: 'ready', value: 'profile' });
    const messageOf = () => 'We couldn’t reach the store.';
    const { result, rerender } = renderHook(({ owner }) => useLoad(load, { owner, messageOf }), {
      initialProps: { owner: null as string | null },
    });
    expect(result.current.state).toEqual({ name: 'loading' });
    expect(load).not.toHaveBeenCalled();

    rerender({ owner: 'ada@example.com' });
    await waitFor(() => expect(result.current.state).toEqual({ name: 'ready', value: 'profile' }));
    load.mockRejectedValueOnce(new Error('Failed to fetch'));
    rerender({ owner: 'grace@example.com' });
    await waitFor(() =>
      expect(result.current.state).toEqual({ name: 'failed', message: 'We couldn’t reach the store.' }),
    );
    expect(load).toHaveBeenCalledTimes(2);
  });
});
