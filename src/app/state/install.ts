import { signal } from '@preact/signals';

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

const standalone = () =>
  matchMedia('(display-mode: standalone)').matches || (navigator as Navigator & { standalone?: boolean }).standalone === true;

/** Chrome's deferred install prompt: set only while installing is possible. */
export const installPrompt = signal<BeforeInstallPromptEvent | undefined>(undefined);
export const installed = signal(standalone());

/** iPhone/iPad Safari has no install prompt: the reader adds the app from the share menu. */
export const iosCanAddToHome =
  /iPhone|iPad|iPod/.test(navigator.userAgent) && !/CriOS|FxiOS|EdgiOS/.test(navigator.userAgent) && !installed.value;

addEventListener('beforeinstallprompt', (event) => {
  // Keep it for our own button instead of Chrome's mini-infobar.
  event.preventDefault();
  installPrompt.value = event as BeforeInstallPromptEvent;
});
addEventListener('appinstalled', () => {
  installed.value = true;
  installPrompt.value = undefined;
});
matchMedia('(display-mode: standalone)').addEventListener('change', (e) => (installed.value = e.matches));

export async function install(): Promise<void> {
  const prompt = installPrompt.value;
  if (!prompt) return;
  // A prompt can be shown once; a new one arrives if the reader declines.
  installPrompt.value = undefined;
  await prompt.prompt();
  const { outcome } = await prompt.userChoice;
  if (outcome === 'accepted') installed.value = true;
}
