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

  constructor(kind: BackendErrorKind, message: string, url: string, status?: number) {
    super(message);
    this.name = 'BackendError';
    this.kind = kind;
    this.url = url;
    this.status = status;
  }
}

export function isBackendError(error: unknown): error is BackendError {
  return error instanceof BackendError;
}
