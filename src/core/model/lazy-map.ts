/**
 * A read-only Map made on first use. A trace's id map costs ~40 ms per 100,000 spans
 * (half a second at a million), and a trace link opens without looking an id up: the
 * first lookup (a selection, a link) pays for it instead of the first rows.
 */
export class LazyMap<K, V> implements ReadonlyMap<K, V> {
  #build: (() => Map<K, V>) | undefined;
  #map: Map<K, V> | undefined;

  constructor(build: () => Map<K, V>) {
    this.#build = build;
  }

  /** Whether the map has been made (for tests of the laziness). */
  get built(): boolean {
    return this.#map !== undefined;
  }

  #made(): Map<K, V> {
    if (this.#map === undefined) {
      this.#map = (this.#build as () => Map<K, V>)();
      this.#build = undefined; // let what it was made from go
    }
    return this.#map;
  }

  get(key: K): V | undefined {
    return this.#made().get(key);
  }
  has(key: K): boolean {
    return this.#made().has(key);
  }
  get size(): number {
    return this.#made().size;
  }
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.#made().forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): MapIterator<[K, V]> {
    return this.#made().entries();
  }
  keys(): MapIterator<K> {
    return this.#made().keys();
  }
  values(): MapIterator<V> {
    return this.#made().values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#made()[Symbol.iterator]();
  }
}
