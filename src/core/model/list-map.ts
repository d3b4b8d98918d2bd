/** Append `value` to the list kept under `key`, starting the list on first use (a multimap's one step). */
export function appendToList<K, V>(lists: Map<K, V[]>, key: K, value: V): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}
