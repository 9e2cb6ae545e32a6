import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEPT_ARTICLES_NOTE, SYNC_ERROR_MESSAGES } from '../../../src/app/format/sync-messages';

/** Letters only Vietnamese (among the languages likely here) writes. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
/** Words that would mean an English message slipped through. */
const ENGLISH = /\b(the|loading|error|failed|retry|update|offline|online|download(ing)?|saved?|storage|cancel|delete|clear|settings|network|please|try again|unknown|not found)\b/i;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** Text a reader can see: JSX text, and the labels and messages set from strings. */
function visibleStrings(source: string): string[] {
  const texts: string[] = [];
  for (const m of source.matchAll(/>([^<>{}]*[A-Za-zÀ-ỹ][^<>{}]*)</g)) texts.push(m[1]!.trim());
  for (const m of source.matchAll(/\b(?:aria-label|placeholder|title|alt)="([^"]+)"/g)) texts.push(m[1]!);
  for (const m of source.matchAll(/set[A-Z]\w*\(\s*['`]([^'`]+)['`]/g)) texts.push(m[1]!);
  return texts
    .map((t) => t.replaceAll('Báo Offline', ''))
    .filter((t) => /[A-Za-zÀ-ỹ]{2}/.test(t) && !/=>|&&|\|\||[;'`]|\?\s|\)\s*:/.test(t));
}

describe('what the reader sees is in Vietnamese', () => {
  it('every refresh error and the reassurance', () => {
    for (const message of [...Object.values(SYNC_ERROR_MESSAGES), KEPT_ARTICLES_NOTE]) {
      expect(message).toMatch(VIETNAMESE);
      expect(message).not.toMatch(ENGLISH);
    }
  });

  for (const file of tsxFiles('src/app')) {
    it(file, () => {
      for (const text of visibleStrings(readFileSync(file, 'utf8'))) expect(text, text).not.toMatch(ENGLISH);
    });
  }
});
