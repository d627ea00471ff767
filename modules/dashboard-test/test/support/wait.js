// Waits on a condition with a deadline, never a bare sleep: a test goes on as soon as what it
// waits for is true, and fails naming it when it does not come.
import { setTimeout as delay } from 'node:timers/promises';

export const DEFAULT_LIMIT_MS = 15_000;
const POLL_MS = 50;

/** Resolves with the first truthy value of `probe` (sync or async); fails after `limitMs`. */
export async function until(description, probe, limitMs = DEFAULT_LIMIT_MS) {
  const deadline = Date.now() + limitMs;
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`not within ${limitMs} ms: ${description}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await delay(POLL_MS);
  }
}
