import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Section } from '../actions/sections';
import { sectionPath, unreadPath } from '../format/section-paths';
import './section-row.css';

interface Props {
  sections: Section[];
  /** The section shown, or undefined for all the news. */
  current?: string;
  unread: boolean;
}

/**
 * The most common sections in one row that scrolls sideways, as news apps
 * show them, and «Chưa đọc» to narrow whichever list is shown.
 */
export function SectionRow({ sections, current, unread }: Props) {
  const listPath = current === undefined ? '/' : sectionPath(current);
  const row = useRef<HTMLUListElement>(null);
  // The open section's chip is in view, however far along the row it sits, also once the sections arrive (read after the list).
  useLayoutEffect(() => {
    const list = row.current;
    const chip = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !chip) return;
    const start = chip.offsetLeft - list.offsetLeft;
    if (start + chip.offsetWidth > list.clientWidth) list.scrollLeft = start - 16;
  }, [current, sections]);
  const shown = current === undefined || sections.some((s) => s.tag === current) ? sections : [{ tag: current, count: 0 }, ...sections];
  return (
    <nav class="section-row" aria-label="Chuyên mục">
      <ul ref={row}>
        <li>
          <a href={unreadPath(listPath, !unread)} class="chip chip-filter" aria-current={unread ? 'true' : undefined}>
            Chưa đọc
          </a>
        </li>
        <li>
          <a href={unreadPath('/', unread)} class="chip" aria-current={current === undefined ? 'page' : undefined}>
            Tất cả
          </a>
        </li>
        {shown.map((section) => (
          <li key={section.tag}>
            <a
              href={unreadPath(sectionPath(section.tag), unread)}
              class="chip"
              aria-current={section.tag === current ? 'page' : undefined}
            >
              <span class="chip-name">{section.tag}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
