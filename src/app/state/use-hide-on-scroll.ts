import { useEffect, useRef, useState } from 'preact/hooks';
import { headerShown } from './chrome-visibility';

/**
 * True while the header should show. Listens passively and reads the scroll
 * position once per frame, so reading never waits on it.
 */
export function useHideOnScroll(): { shown: boolean; ref: { current: HTMLElement | null } } {
  const ref = useRef<HTMLElement | null>(null);
  const [shown, setShown] = useState(true);
  useEffect(() => {
    let last = window.scrollY;
    let current = true;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const y = window.scrollY;
        const next = headerShown(current, { from: last, to: y, headerHeight: ref.current?.offsetHeight ?? 0 });
        last = y;
        if (next !== current) {
          current = next;
          setShown(next);
        }
      });
    };
    addEventListener('scroll', onScroll, { passive: true });
    return () => {
      removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);
  return { shown, ref };
}
