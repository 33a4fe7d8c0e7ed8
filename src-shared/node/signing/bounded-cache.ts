/**
 * A small least-recently-used map. Parsing a certificate with forge costs
 * about as much as the RSA operation it serves (~1 ms for a 3072-bit key),
 * and a laptop signs and verifies with the same handful of certificates all
 * day, so parsed forms are kept, keyed by their PEM. The bound keeps a
 * service that sees every unit's certificates from growing without limit.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K, make: (key: K) => V): V {
    const found = this.entries.get(key);
    if (found !== undefined) {
      // Re-insert so Map order is recency order and the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const made = make(key);
    this.entries.set(key, made);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return made;
  }
}
