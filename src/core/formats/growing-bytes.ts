/**
 * `piece` written into `buffer` at `at`, for bytes that arrive in chunks of unknown
 * total: the buffer doubles (keeping its first `at` bytes) when the piece does not fit.
 * Returns the buffer written to, a new one when it grew.
 */
export function appendBytes(buffer: Uint8Array<ArrayBuffer>, at: number, piece: Uint8Array): Uint8Array<ArrayBuffer> {
  let out = buffer;
  if (at + piece.length > out.length) {
    out = new Uint8Array(Math.max(out.length * 2, at + piece.length));
    out.set(buffer.subarray(0, at));
  }
  out.set(piece, at);
  return out;
}
