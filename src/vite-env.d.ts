/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Feed the app downloads when the reader has not chosen another one. */
  readonly VITE_FEED_URL?: string;
}
