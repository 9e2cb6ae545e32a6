import { useState } from 'preact/hooks';
import { readMarkFailureMessage } from '../format/save-messages';

interface Props {
  onChange: (read: boolean) => Promise<unknown>;
}

/** Opening an article marks it read; this puts it back among the unread, or not. */
export function ReadMarkButton({ onChange }: Props) {
  const [read, setRead] = useState(true);
  const [failure, setFailure] = useState('');
  const toggle = async () => {
    const next = !read;
    setRead(next);
    setFailure('');
    try {
      await onChange(next);
    } catch (error) {
      // A mark that was not written (a full phone) must not read as done: the list would still show it read.
      setRead(!next);
      setFailure(readMarkFailureMessage(error));
    }
  };
  return (
    <>
      <button type="button" class="button button-secondary" onClick={() => void toggle()}>
        {read ? 'Đánh dấu chưa đọc' : 'Đánh dấu đã đọc'}
      </button>
      {failure && (
        <p class="notice" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
