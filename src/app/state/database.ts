import { signal } from '@preact/signals';

/** An older tab keeps the previous schema open, so this version's upgrade waits for it. */
export const upgradeBlocked = signal(false);
