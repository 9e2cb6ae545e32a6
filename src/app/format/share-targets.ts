export interface ShareTarget {
  id: 'zalo' | 'facebook' | 'messenger' | 'sms';
  label: string;
  href: string;
  /** Opening it loads a web page, so it cannot work offline. */
  needsNetwork: boolean;
}

/**
 * Where our readers pass news on: Zalo, Facebook, Messenger and plain SMS.
 * An SMS carries the whole `message` (title, opening, link); the others take
 * only a link, so the sheet also copies the message for pasting.
 */
export function shareTargets(url: string, message: string): ShareTarget[] {
  const u = encodeURIComponent(url);
  return [
    { id: 'zalo', label: 'Zalo', href: `https://zalo.me/share?url=${u}`, needsNetwork: true },
    { id: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${u}`, needsNetwork: true },
    { id: 'messenger', label: 'Messenger', href: `fb-messenger://share/?link=${u}`, needsNetwork: true },
    // `?&body=` is the form both Android and iOS messaging apps accept.
    { id: 'sms', label: 'Tin nhắn SMS', href: `sms:?&body=${encodeURIComponent(message)}`, needsNetwork: false },
  ];
}
