// Grouping into a Map of arrays. Appending in place matters: rebuilding the array on every add
// (`[...(m.get(k) ?? []), v]`) is quadratic, and one alias such as 医保局 can name every
// department in a national corpus.
export function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
