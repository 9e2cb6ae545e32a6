import { useState } from 'preact/hooks';

interface Props {
  initiallySaved: boolean;
  onChange: (saved: boolean) => Promise<unknown>;
}

/** «Lưu bài»: saved articles are kept forever, whatever the feed does. */
export function SaveButton({ initiallySaved, onChange }: Props) {
  const [saved, setSaved] = useState(initiallySaved);
  const toggle = async () => {
    const next = !saved;
    setSaved(next);
    await onChange(next);
  };
  return (
    <button type="button" class="button" aria-pressed={saved} onClick={() => void toggle()}>
      {saved ? 'Đã lưu' : 'Lưu bài'}
    </button>
  );
}
