// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { commitGeneration, foldOverlay, nextGeneration, stageItems } from '../../../src/shared/store/staging';
import { article, freshPage } from '../helpers/page';

/** What the list and its sections say: «Máy đang giữ N bài», each section's count, and the section row's order. */
async function counts(): Promise<string> {
  const [{ loadListFacts }, { sectionFacts, topSections }] = await Promise.all([
    import('../../../src/app/actions/list-facts'),
    import('../../../src/app/actions/sections'),
  ]);
  const [list, sonLa, farming, schools, row] = await Promise.all([
    loadListFacts(),
    sectionFacts('Sơn La'),
    sectionFacts('Nông nghiệp'),
    sectionFacts('Giáo dục'),
    topSections(5),
  ]);
  const sections = row.map(({ tag, count }) => `${tag} ${count}`).join(', ');
  return `list ${list.count}; Sơn La ${sonLa.count}, Nông nghiệp ${farming.count}, Giáo dục ${schools.count}; row: ${sections}`;
}

describe('counts on the list while a refresh folds a large feed in', () => {
  it('are the old feed’s until the new feed is visible, then the new feed’s, at every step of the fold', async () => {
    const page = await freshPage();
    await page.refresh([
      article('a', 'Bài a', { tags: ['Sơn La'] }),
      article('b', 'Bài b', { tags: ['Sơn La', 'Nông nghiệp'] }),
      article('c', 'Bài c', { tags: ['Giáo dục'] }),
    ]);
    const before = 'list 3; Sơn La 2, Nông nghiệp 1, Giáo dục 1; row: Sơn La 2, Giáo dục 1, Nông nghiệp 1';
    expect(await counts()).toBe(before);

    // The next edition: 450 new articles (five fold chunks) and «b» moved to another section.
    const items = [
      article('b', 'Bài b', { tags: ['Giáo dục'] }),
      ...Array.from({ length: 450 }, (_, i) => article(`n-${i}`, `Bài mới ${i}`, { tags: [i % 3 === 0 ? 'Sơn La' : 'Nông nghiệp'] })),
    ];
    const gen = await nextGeneration(page.db);
    const topics = {};
    const staged = await stageItems(page.db, gen, items, 2, topics);
    // Staged, not yet committed: still the old feed.
    expect(await counts()).toBe(before);

    await commitGeneration(page.db, gen, staged, topics);
    const after = 'list 453; Sơn La 151, Nông nghiệp 300, Giáo dục 2; row: Nông nghiệp 300, Sơn La 151, Giáo dục 2';
    const seen = new Set([await counts()]);
    let folding = true;
    const fold = foldOverlay(page.db).finally(() => (folding = false));
    while (folding) seen.add(await counts());
    await fold;
    seen.add(await counts());
    // Before, each count climbed chunk by chunk as records reached `articles` (list 3 → 102 → 202 → … → 453 here).
    expect([...seen]).toEqual([after]);
    expect(await page.db.get('meta', 'overlay')).toBeUndefined();
  });
});
