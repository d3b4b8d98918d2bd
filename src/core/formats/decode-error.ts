/**
 * Thrown when an input cannot give anything usable: not JSON, not a trace or log
 * format we know, or no usable span at all. The message is written for a person
 * (it is shown as is in the import dialog). Anything less is a warning instead.
 */
export class DecodeError extends Error {
  /** 1-based position of a JSON syntax error, when there is one */
  readonly line?: number;
  readonly column?: number;
  /** 0-based byte offset of a protobuf wire error, when there is one */
  readonly byteOffset?: number;

  constructor(message: string, position?: { line: number; column: number } | { byteOffset: number }) {
    super(message);
    this.name = 'DecodeError';
    if (position && 'byteOffset' in position) {
      this.byteOffset = position.byteOffset;
    } else if (position) {
      this.line = position.line;
      this.column = position.column;
    }
  }
}
