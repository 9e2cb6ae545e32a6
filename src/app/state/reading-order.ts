/**
 * The order of the list an article was opened from (the news, a section, the
 * unread view, search results), so «Bài trước» and «Bài tiếp» follow it. Kept
 * in sessionStorage: it survives a reload and Back, and is this tab's alone.
 */
const KEY = 'bao-reading-order';

export interface ReadingOrder {
  /** The list's own address, to return to it. */
  from: string;
  ids: string[];
}

export function rememberReadingOrder(order: ReadingOrder, storage: Pick<Storage, 'setItem'> = sessionStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(order));
  } catch {
    // Storage full or blocked: the article falls back to the newest-first order.
  }
}

export function readingOrder(storage: Pick<Storage, 'getItem'> = sessionStorage): ReadingOrder | undefined {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? 'null') as ReadingOrder | null;
    return parsed && typeof parsed.from === 'string' && Array.isArray(parsed.ids) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The articles before and after `id` in the remembered list, when it holds `id`. */
export function neighboursIn(order: ReadingOrder | undefined, id: string): { previous?: string; next?: string } | undefined {
  const at = order?.ids.indexOf(id) ?? -1;
  if (!order || at < 0) return undefined;
  return { previous: order.ids[at - 1], next: order.ids[at + 1] };
}

/**
 * For a list's click handler: when the click opens an article, remembers the
 * order of the articles the list shows.
 */
export function rememberOrderOnOpen(event: MouseEvent, from: string, ids: () => string[]): void {
  const link = (event.target as Element | null)?.closest('a.card-link, a.result-link');
  if (link) rememberReadingOrder({ from, ids: ids() });
}
