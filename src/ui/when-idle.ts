/**
 * Run work once the page has nothing better to do (requestIdleCallback, or a short
 * timeout where there is none); the returned function cancels it. For work a user will
 * want soon but not for the first paint.
 */
export function whenIdle(work: () => void, timeoutMs = 5000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(work, 200);
  return () => clearTimeout(id);
}
