/**
 * The buffers behind the typed arrays that are own fields of these objects, each once
 * (two arrays may share one): what postMessage's transfer list must name for them to
 * move to the other thread instead of being copied.
 */
export function transferListOf(...objects: readonly object[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const object of objects) {
    for (const value of Object.values(object)) {
      if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
    }
  }
  return [...buffers];
}
