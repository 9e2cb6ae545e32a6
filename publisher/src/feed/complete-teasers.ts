/**
 * A story whose article page was busy (429, 5xx, no answer) is published at
 * once with its teaser, so that nothing waits, or is lost if it leaves a fast
 * source's feed meanwhile; its page is asked for again on the next runs, and
 * once it answers, the item becomes the whole article, marked modified so
 * that readers who have the teaser get it.
 */
import type { SourceConfig } from '../config';
import { mapLimit } from '../map-limit';
import { buildItem, type BuildContext } from './build-item';
import type { StoredItem } from './feed-item';

/** Runs that ask for a busy page, the first included; then the teaser stays. */
export const COMPLETION_TRIES = 3;
/** Pages asked for again in one run, the newest stories first: a run stays cheap after a site's bad hour. */
const COMPLETIONS_PER_RUN = 20;
const PARALLEL = 4;

/** Asks again for the pages of the teasers waiting for them; returns the items that became whole articles. */
export async function completeTeasers(items: StoredItem[], sources: readonly SourceConfig[], context: Omit<BuildContext, 'source' | 'pageBusy'>): Promise<StoredItem[]> {
  const waiting = items.filter((stored) => stored.completion).sort((a, b) => b.seq - a.seq).slice(0, COMPLETIONS_PER_RUN);
  const completed = await mapLimit(waiting, PARALLEL, async (stored) => {
    const completion = stored.completion!;
    const source = sources.find((s) => s.url === completion.source);
    let busy = true;
    let item;
    if (source) {
      busy = false;
      try {
        item = await buildItem(stored.item.id, completion.item, { ...context, source, pageBusy: () => (busy = true) });
      } catch (error) {
        busy = true;
        context.log(`article not completed: ${completion.item.url ?? completion.item.guid}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    completion.tries++;
    if (!source || !busy || completion.tries >= COMPLETION_TRIES) delete stored.completion;
    // A page that answered but was not used (moved, walled) leaves the teaser as it was: no change to announce.
    if (busy || !item || item.content_html === stored.item.content_html) return false;
    item.date_published = stored.item.date_published;
    item.date_modified = new Date(context.now).toISOString();
    item.tags = [...new Set([...item.tags, ...stored.item.tags])];
    stored.item = item;
    context.log(`article completed from its page: ${item.url ?? item.id}`);
    return true;
  });
  return waiting.filter((_, i) => completed[i]);
}
