import { useEffect, useRef, useState } from 'preact/hooks';
import { loadListPicture, type ListPictureState } from '../actions/list-pictures';

/** Starts `load` when the element comes within about two screens of the viewport, as the browser's lazy loading does. */
const nearScreen = new Map<Element, () => void>();
let observer: IntersectionObserver | undefined;
function whenNearScreen(element: Element, load: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    load();
    return () => undefined;
  }
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        observer?.unobserve(entry.target);
        nearScreen.get(entry.target)?.();
        nearScreen.delete(entry.target);
      }
    },
    { rootMargin: '1250px 0px' },
  );
  nearScreen.set(element, load);
  observer.observe(element);
  return () => {
    nearScreen.delete(element);
    observer?.unobserve(element);
  };
}

/**
 * The state of a card's picture from `url`, loaded once its `box` comes near
 * the screen; `show` loads it whatever its size, when the reader asks.
 */
export function useListPicture(url: string) {
  const [state, setState] = useState<ListPictureState>({ kind: 'waiting' });
  const box = useRef<HTMLElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const stop = new AbortController();
    const forget = whenNearScreen(element, () => {
      void loadListPicture(url, stop.signal).then((next) => !stop.signal.aborted && setState(next));
    });
    return () => {
      forget();
      stop.abort();
    };
  }, [url]);
  useEffect(() => {
    if (state.kind !== 'shown' || !state.src.startsWith('blob:')) return;
    const src = state.src;
    return () => URL.revokeObjectURL(src);
  }, [state]);
  return {
    state,
    box,
    show: () => setState({ kind: 'shown', src: url }),
    failed: () => setState({ kind: 'failed' }),
  };
}
