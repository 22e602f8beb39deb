/**
 * Resources keyed by name the way SageMaker keys them: case-insensitively (a name's case is kept
 * for display, and ARNs carry it lowercased), so a name read back from an ARN finds its resource.
 */
export class NameMap<T> {
  private readonly entries = new Map<string, T>();

  get(name: string): T | undefined {
    return this.entries.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  set(name: string, value: T): void {
    this.entries.set(name.toLowerCase(), value);
  }

  delete(name: string): void {
    this.entries.delete(name.toLowerCase());
  }

  values(): IterableIterator<T> {
    return this.entries.values();
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }
}
