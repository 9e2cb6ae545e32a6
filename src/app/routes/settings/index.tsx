import { FeedSection } from './feed-section';
import { ReadingSection } from './reading-section';
import { StorageSection } from './storage-section';

/** Each section is its own module: feed, storage, reading comfort. */
export default function SettingsPage() {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title" class="page-title">
        Cài đặt
      </h1>
      <ReadingSection />
      <FeedSection />
      <StorageSection />
    </section>
  );
}
