import { useState } from 'preact/hooks';

interface Props {
  onChange: (read: boolean) => Promise<unknown>;
}

/** Opening an article marks it read; this puts it back among the unread, or not. */
export function ReadMarkButton({ onChange }: Props) {
  const [read, setRead] = useState(true);
  const toggle = async () => {
    const next = !read;
    setRead(next);
    await onChange(next);
  };
  return (
    <button type="button" class="button button-secondary" onClick={() => void toggle()}>
      {read ? 'Đánh dấu chưa đọc' : 'Đánh dấu đã đọc'}
    </button>
  );
}
