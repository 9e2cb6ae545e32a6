/** The parts of a service worker's global scope that src/sw registers on: events and Background Sync. */
export class FakeServiceWorkerScope extends EventTarget {
  readonly registered: string[] = [];
  readonly registration = {
    sync: { register: async (tag: string) => void this.registered.push(tag) },
  };

  /**
   * Fires an extendable event as the browser would, with `fields` on it; resolves
   * with what the worker asked the browser to wait for (nothing if it ignored it).
   */
  async fire(type: string, fields: Record<string, unknown>): Promise<PromiseSettledResult<unknown>[]> {
    const waits: Promise<unknown>[] = [];
    const event = Object.assign(new Event(type), fields, { waitUntil: (p: Promise<unknown>) => waits.push(p) });
    this.dispatchEvent(event);
    return Promise.allSettled(waits);
  }
}
