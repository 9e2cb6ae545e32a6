import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The rule ids ESLint reports for this source placed at `filePath`. */
async function violations(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// The first lint loads ESLint's config and parsers: 2–5 s on the shared 2-core machine, past vitest's default 5 s at times.
describe('the page keeps its layers (eslint)', { timeout: 30_000 }, () => {
  it('refuses a route that opens the store itself', async () => {
    const source = "import { db } from '../actions/db';\nimport { getArticle } from '../../shared/store/articles';\nexport const a = [db, getArticle];\n";
    expect(await violations('src/app/routes/example.tsx', source)).toEqual([
      '@typescript-eslint/no-restricted-imports',
      '@typescript-eslint/no-restricted-imports',
    ]);
  });

  it('refuses a component that reaches the Cache API or a route', async () => {
    const source = "import { articlePath } from '../routes/paths';\nexport const a = [articlePath, caches];\n";
    expect(await violations('src/app/components/example.tsx', source)).toEqual([
      '@typescript-eslint/no-restricted-imports',
      'no-restricted-globals',
    ]);
  });

  it('lets routes call actions and name stored types', async () => {
    const source =
      "import type { StoredArticle } from '../../shared/store/schema';\nimport { openArticle } from '../actions/articles';\nexport const a: [typeof openArticle, StoredArticle?] = [openArticle];\n";
    expect(await violations('src/app/routes/example.tsx', source)).toEqual([]);
  });

  it('lets actions use the store', async () => {
    const source = "import { db } from './db';\nimport { getArticle } from '../../shared/store/articles';\nexport const a = [db, getArticle];\n";
    expect(await violations('src/app/actions/example.ts', source)).toEqual([]);
  });
});
