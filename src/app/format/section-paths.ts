import { pathSegment } from './paths';

/** A section's own address: it opens offline and Back returns to it. */
export function sectionPath(tag: string): string {
  return `/chuyen-muc/${pathSegment(tag)}`;
}

/** The same list narrowed to articles not read yet. */
export function unreadPath(listPath: string, unread: boolean): string {
  return unread ? `${listPath}?chua-doc=1` : listPath;
}
