/**
 * The date and byline line a page prints above the article («Thứ Hai,
 * 06/02/2023 - 07:00 (GMT+7)», «Cập nhật lúc 07:00 ngày 6/2/2023 | Minh
 * Anh», «Đăng ngày 1/3/2025 bởi quản trị») often sits inside the block
 * Readability picks, and was published as the first paragraph. It is found
 * by what is left once dates, times, day names and the labels around them
 * are taken out: nothing, or a name.
 */
/** Word edges for Vietnamese: `\b` only knows ASCII letters, so «tư» or «giả» would never end a word. */
const edge = (source: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu');

const DATE_PARTS = [
  edge(String.raw`\d{4}-\d{2}-\d{2}(?:[t ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:z|[+-]\d{2}:?\d{2})?)?`),
  edge(String.raw`\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?`),
  edge(String.raw`\d{1,2}\s*[:hg]\s*\d{2}(?::\d{2})?(?:\s*(?:sa|ch|am|pm))?`),
  edge(String.raw`\d{1,2}\s+tháng\s+\d{1,2}(?:\s*,?\s*năm\s+\d{4})?`),
  edge(String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}`),
  edge(String.raw`thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|t[2-7]|cn`),
  edge(String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?`),
  /\(?\s*(?:gmt|utc)\s*[+-]\s*0?7(?::?00)?\s*\)?/giu,
  edge('ict'),
];
/** Labels that name who wrote it: a name after them may be written in lower case («bởi quản trị»). */
const AUTHOR_LABEL = edge('đăng bởi|viết bởi|bởi|tác giả|người viết|posted by|by');
/** Labels of a date, a source or counts around it; what follows them must look like a name. */
const OTHER_LABEL = edge('cập nhật|ngày đăng|đăng ngày|đăng lúc|đăng|ngày|lúc|giờ|nguồn|theo|phóng viên|biên tập|lượt xem|bình luận|posted on|posted|published|updated|on|views?');
/** A word of a name: capitalised, or an agency's letters («TTXVN»). */
const NAME = /^\(?[\p{Lu}\d][\p{L}.]*\)?$/u;
const MAX_LINE = 120;
/** The lines looked at: the top of the article, before its first long paragraph. */
const TOP_LINES = 3;
const LEAF_BLOCKS = 'p,div,span,time,h2,h3,h4,h5,h6,li';

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function strip(text: string, pattern: RegExp): { rest: string; found: boolean } {
  let found = false;
  const rest = text.replace(pattern, () => {
    found = true;
    return ' ';
  });
  return { rest, found };
}

/** Whether a short line is a date and/or a byline, with at most a name besides. */
export function isDateline(line: string): boolean {
  if (line.length === 0 || line.length > MAX_LINE) return false;
  let rest = line;
  let dated = false;
  for (const part of DATE_PARTS) {
    const stripped = strip(rest, part);
    rest = stripped.rest;
    dated ||= stripped.found;
  }
  const byAuthor = strip(rest, AUTHOR_LABEL);
  const other = strip(byAuthor.rest, OTHER_LABEL);
  if (!dated && !byAuthor.found && !other.found) return false;
  const left = other.rest.split(/[\s|,;:•·–—/()[\]-]+/u).filter((word) => /\p{L}/u.test(word));
  if (left.length === 0) return dated || byAuthor.found;
  if (byAuthor.found && left.length <= 4) return true;
  return (dated || other.found) && left.length <= 5 && left.every((word) => NAME.test(word)) && (dated || line.length <= 60);
}

/** A block of text with no block inside it: a line as the reader sees it. */
function isLeafLine(el: Element): boolean {
  return el.querySelector(LEAF_BLOCKS.replace('span,', '').replace('time,', '')) === null && el.querySelector('img') === null;
}

/** Removes date/byline lines among the first lines of `root`; never a line after the first long one. */
export function dropDatelines(root: Element): void {
  let seen = 0;
  for (const el of Array.from(root.querySelectorAll(LEAF_BLOCKS))) {
    if (!el.isConnected || !isLeafLine(el)) continue;
    // Inline pieces count as part of the block around them.
    if (el.tagName === 'SPAN' || el.tagName === 'TIME') {
      const holder = el.parentElement?.closest(LEAF_BLOCKS);
      if (holder && holder !== root && root.contains(holder) && isLeafLine(holder)) continue;
    }
    const line = squash(el.textContent);
    if (line === '') continue;
    if (line.length > MAX_LINE) return;
    if (isDateline(line)) el.remove();
    if (++seen >= TOP_LINES) return;
  }
}
