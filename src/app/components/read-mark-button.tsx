import { readMarkFailureMessage } from '../format/save-messages';
import { useWrittenSwitch } from '../state/use-written-switch';
import { WriteFailure } from './write-failure';

interface Props {
  onChange: (read: boolean) => Promise<unknown>;
}

/** Opening an article marks it read; this puts it back among the unread, or not. */
export function ReadMarkButton({ onChange }: Props) {
  // A mark that was not written must not read as done: the list would still show the article as it was.
  const read = useWrittenSwitch(true, onChange, readMarkFailureMessage);
  return (
    <>
      <button type="button" class="button button-secondary" onClick={() => void read.toggle()}>
        {read.on ? 'Đánh dấu chưa đọc' : 'Đánh dấu đã đọc'}
      </button>
      <WriteFailure message={read.failure} />
    </>
  );
}
