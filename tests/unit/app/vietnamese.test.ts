import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { KEPT_ARTICLES_NOTE, SYNC_ERROR_MESSAGES } from '../../../src/app/format/sync-messages';

/** Letters only Vietnamese (among the languages likely here) writes. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

const eslint = new ESLint();

/** The English words the lint rule finds in this component source. */
async function englishFound(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: 'src/app/components/example.tsx' });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'bao/vietnamese-text')
    .map((m) => /\("(.+)"\)/.exec(m.message)?.[1] ?? m.message);
}

describe('what the reader sees is in Vietnamese', () => {
  it('every refresh error and the reassurance', async () => {
    const messages = [...Object.values(SYNC_ERROR_MESSAGES), KEPT_ARTICLES_NOTE];
    for (const message of messages) expect(message).toMatch(VIETNAMESE);
    // Shown as the status bar shows them, through the same rule as every component.
    const shown = messages.map((m) => `<p>${m}</p>`).join('');
    expect(await englishFound(`export const Messages = () => <>${shown}</>;`)).toEqual([]);
  });

  // `npm run lint` runs the rule over every component and route; these show what it catches.
  it('the lint rule finds English in text, spoken attributes, shown expressions and messages', async () => {
    const source = `
      import { useState } from 'preact/hooks';
      export function Example({ busy }: { busy: boolean }) {
        const [, setMessage] = useState('');
        return (
          <div class="update-banner" aria-label="Settings" onClick={() => setMessage('Saved.')}>
            <p>Loading…</p>
            <img src="/a.png" alt="Đồi chè" />
            <span>{busy ? 'Đang tải…' : \`Try again \${1}\`}</span>
          </div>
        );
      }
    `;
    expect(await englishFound(source)).toEqual(['Settings', 'Saved', 'Loading', 'Try again']);
  });

  it('lets Vietnamese, the brand and what is not shown through', async () => {
    const source = `
      export function Example({ status }: { status: string }) {
        return (
          <p class="status-error" data-state={status === 'offline' ? 'network' : 'update'} title="Báo Offline">
            Báo Offline: đã lưu bài.
          </p>
        );
      }
    `;
    expect(await englishFound(source)).toEqual([]);
  });
});
