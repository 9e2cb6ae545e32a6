import { useState } from 'preact/hooks';
import { saveFailureMessage } from '../format/save-messages';

interface Props {
  initiallySaved: boolean;
  onChange: (saved: boolean) => Promise<unknown>;
}

/** «Lưu bài»: saved articles are kept forever, whatever the feed does. */
export function SaveButton({ initiallySaved, onChange }: Props) {
  const [saved, setSaved] = useState(initiallySaved);
  // The label answers at once; busy until the copy (and its pictures) is really kept.
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const toggle = async () => {
    const next = !saved;
    setSaved(next);
    setBusy(true);
    setFailure('');
    try {
      await onChange(next);
    } catch (error) {
      // A write that did not happen (a full disk, a closed database) must not read «Đã lưu».
      setSaved(!next);
      setFailure(saveFailureMessage(error, next));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button" aria-pressed={saved} aria-busy={busy} onClick={() => void toggle()}>
        {saved ? 'Đã lưu' : 'Lưu bài'}
      </button>
      {failure && (
        <p class="notice" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
