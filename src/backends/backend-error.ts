/**
 * Every way a backend call fails, told apart so the UI can say what happened
 * and what to do: a person reads `message`, the UI branches on `kind`.
 */
export type BackendErrorKind =
  | 'not-found' // 404 for the thing asked for
  | 'http' // any other 4xx/5xx
  | 'network' // no answer: server down, DNS, CORS, proxy not configured
  | 'timeout' // no answer in time
  | 'bad-response'; // an answer we cannot read

export class BackendError extends Error {
  readonly kind: BackendErrorKind;
  readonly status?: number;
  readonly url: string;
  /** a 429's Retry-After, in seconds from when it was answered */
  readonly retryAfterSeconds?: number;

  constructor(kind: BackendErrorKind, message: string, url: string, status?: number, retryAfterSeconds?: number) {
    super(message);
    this.name = 'BackendError';
    this.kind = kind;
    this.url = url;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}

/**
 * Whether asking again at once may help: a dropped connection or a server
 * that failed or was briefly unavailable. Not a timeout (the person would wait
 * twice as long for the same message), a 429 (the server asked us to wait), a
 * 4xx, or an answer we cannot read (a login page stays a login page).
 */
export function isWorthRetrying(error: unknown): boolean {
  if (!isBackendError(error)) return false;
  if (error.kind === 'network') return true;
  return error.kind === 'http' && (error.status === 500 || error.status === 502 || error.status === 503 || error.status === 504);
}
