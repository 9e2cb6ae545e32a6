import { useState } from 'preact/hooks';

export interface WrittenSwitch {
  on: boolean;
  /** From the tap until the write is done. */
  busy: boolean;
  /** Why the last write did not happen, or ''. */
  failure: string;
  toggle: () => Promise<void>;
}

/**
 * A switch whose state is a write («Lưu bài», «Đánh dấu chưa đọc»): it shows
 * its new state at once, and goes back, saying why, when the write fails (a
 * full disk, a closed database): it must not read as done when it is not.
 */
export function useWrittenSwitch(
  initial: boolean,
  write: (on: boolean) => Promise<unknown>,
  failureMessage: (error: unknown, on: boolean) => string,
): WrittenSwitch {
  const [on, setOn] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState('');
  const toggle = async () => {
    const next = !on;
    setOn(next);
    setBusy(true);
    setFailure('');
    try {
      await write(next);
    } catch (error) {
      setOn(!next);
      setFailure(failureMessage(error, next));
    } finally {
      setBusy(false);
    }
  };
  return { on, busy, failure, toggle };
}
