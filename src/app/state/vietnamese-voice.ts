/** A Vietnamese voice, preferring one on the device (it works offline). */
function vietnameseVoice(voices: readonly SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  const vi = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith('vi'));
  return vi.find((v) => v.localService) ?? vi[0];
}

/**
 * Calls `found` with the Vietnamese voice once the browser lists its voices
 * (Chrome fills the list asynchronously, announced by `voiceschanged`).
 * Returns a function that stops listening.
 */
export function watchVietnameseVoice(found: (voice: SpeechSynthesisVoice | undefined) => void): () => void {
  if (typeof speechSynthesis === 'undefined') {
    found(undefined);
    return () => undefined;
  }
  const check = () => found(vietnameseVoice(speechSynthesis.getVoices()));
  check();
  speechSynthesis.addEventListener('voiceschanged', check);
  return () => speechSynthesis.removeEventListener('voiceschanged', check);
}
