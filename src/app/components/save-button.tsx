import { saveFailureMessage } from '../format/save-messages';
import { useWrittenSwitch } from '../state/use-written-switch';
import { WriteFailure } from './write-failure';

interface Props {
  initiallySaved: boolean;
  onChange: (saved: boolean) => Promise<unknown>;
}

/** «Lưu bài»: saved articles are kept forever, whatever the feed does. */
export function SaveButton({ initiallySaved, onChange }: Props) {
  // The label answers at once; busy until the copy (and its pictures) is really kept.
  const saved = useWrittenSwitch(initiallySaved, onChange, saveFailureMessage);
  return (
    <>
      <button type="button" class="button" aria-pressed={saved.on} aria-busy={saved.busy} onClick={() => void saved.toggle()}>
        {saved.on ? 'Đã lưu' : 'Lưu bài'}
      </button>
      <WriteFailure message={saved.failure} />
    </>
  );
}
