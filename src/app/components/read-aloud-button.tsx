import { useEffect, useRef, useState } from 'preact/hooks';
import { speechChunks } from '../format/speech-chunks';
import { watchVietnameseVoice } from '../state/vietnamese-voice';

type Status = 'idle' | 'speaking' | 'paused';

/**
 * «Đọc bài»: reads the article aloud with the device's Vietnamese voice.
 * Not shown at all where no such voice exists. `text` is called only when
 * reading starts (a long body's text is worked out then, not on every render);
 * give each article its own button (`key`): leaving it stops the reading.
 */
export function ReadAloudButton({ text }: { text: () => string }) {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | undefined>(undefined);
  const [status, setStatus] = useState<Status>('idle');
  // Each reading has its own token, so the end of a cancelled one does not touch the next.
  const reading = useRef(0);

  useEffect(() => watchVietnameseVoice(setVoice), []);
  useEffect(
    () => () => {
      reading.current++;
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    },
    [],
  );

  if (!voice) return null;

  const start = () => {
    const token = ++reading.current;
    speechSynthesis.cancel();
    const chunks = speechChunks(text());
    chunks.forEach((chunk, i) => {
      const utterance = new SpeechSynthesisUtterance(chunk);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      if (i === chunks.length - 1) utterance.onend = () => reading.current === token && setStatus('idle');
      utterance.onerror = () => reading.current === token && setStatus('idle');
      speechSynthesis.speak(utterance);
    });
    setStatus('speaking');
  };
  const stop = () => {
    reading.current++;
    speechSynthesis.cancel();
    setStatus('idle');
  };
  const pauseOrResume = () => {
    if (status === 'speaking') {
      speechSynthesis.pause();
      setStatus('paused');
    } else {
      speechSynthesis.resume();
      setStatus('speaking');
    }
  };

  if (status === 'idle') {
    return (
      <button type="button" class="button" onClick={start}>
        Đọc bài
      </button>
    );
  }
  return (
    <>
      <button type="button" class="button" onClick={pauseOrResume}>
        {status === 'speaking' ? 'Tạm dừng đọc' : 'Đọc tiếp'}
      </button>
      <button type="button" class="button button-secondary" onClick={stop}>
        Dừng đọc
      </button>
    </>
  );
}
