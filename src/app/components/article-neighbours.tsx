import type { Neighbours } from '../actions/neighbours';
import { articlePath } from '../format/paths';
import './article-neighbours.css';

/** «Bài trước» and «Bài tiếp» at the end of an article, in the order of the list it came from. */
export function ArticleNeighbours({ neighbours }: { neighbours: Neighbours }) {
  const { previous, next } = neighbours;
  if (!previous && !next) return null;
  return (
    <nav class="neighbours" aria-label="Bài trước và bài tiếp">
      {previous && (
        <a class="neighbour neighbour-previous" href={articlePath(previous.id)} rel="prev">
          <span class="neighbour-label">‹ Bài trước</span>
          <span class="neighbour-title">{previous.title || 'Bài không có tiêu đề'}</span>
        </a>
      )}
      {next && (
        <a class="neighbour neighbour-next" href={articlePath(next.id)} rel="next">
          <span class="neighbour-label">Bài tiếp ›</span>
          <span class="neighbour-title">{next.title || 'Bài không có tiêu đề'}</span>
        </a>
      )}
    </nav>
  );
}
