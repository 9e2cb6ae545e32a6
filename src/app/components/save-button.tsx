import { useState } from 'preact/hooks';

interface Props {
  initiallySaved: boolean;
  onChange: (saved: boolean) => Promise<unknown>;
}

/** «Lưu bài»: saved articles are kept forever, whatever the feed does. */
export function SaveButton({ initiallySaved, onChange }: Props) {
  const [saved, setSaved] = useState(initiallySaved);
  // The label answers at once; busy until the copy (and its pictures) is really kept.
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const toggle = async () => {
    const next = !saved;
    setSaved(next);
    setBusy(true);
    setFailed(false);
    try {
      await onChange(next);
    } catch {
      // A write that did not happen (a full disk, a closed database) must not read «Đã lưu».
      setSaved(!next);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class="button" aria-pressed={saved} aria-busy={busy} onClick={() => void toggle()}>
        {saved ? 'Đã lưu' : 'Lưu bài'}
      </button>
      {failed && (
        <p class="notice" role="alert">
          Không lưu được bài này. Bộ nhớ điện thoại có thể đã đầy.
        </p>
      )}
    </>
  );
}
