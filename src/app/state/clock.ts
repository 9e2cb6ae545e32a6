import { signal } from '@preact/signals';

/** The time, moved on each minute, so «5 phút trước» becomes «6 phút trước» on screen. */
export const minuteNow = signal(Date.now());
setInterval(() => (minuteNow.value = Date.now()), 60_000);
