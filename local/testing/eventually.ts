/**
 * Waits until `look` answers something truthy, and returns it: events, projections and their
 * effects arrive asynchronously. Times out naming `what` it waited for.
 */
export const eventually = async <T>(look: () => Promise<T | undefined | false>, what: string, timeoutMs = 45_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await look();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
