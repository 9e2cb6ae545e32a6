/**
 * What a screen says when the phone's store could not be read (a closing
 * connection, a storage fault): the articles are still there, so the reader is
 * told the read failed and offered another try, never «not downloaded» or an
 * empty list, which would read as saved articles lost.
 */
export function ReadFailure({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <p class="notice" role="alert">
      Không đọc được {what} trên máy.{' '}
      <button type="button" onClick={onRetry}>
        Thử lại
      </button>
    </p>
  );
}
