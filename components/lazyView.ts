import { h, type ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view loaded when first shown, so that the popup's first paint carries only its list: views
 * reached by a click (forms, community views) come in their own chunk. Renders nothing for the
 * moment the chunk takes to load; the view then moves the focus as it always does.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> & { preload(): Promise<unknown> } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = () => (loading ??= load().then((component) => (loaded = component)));
  function LazyView(props: P) {
    const [view, setView] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (view) return;
      let live = true;
      void start().then((component) => live && setView(() => component));
      return () => {
        live = false;
      };
    }, [view]);
    return view ? h(view, props) : null;
  }
  /** Loads the view ahead of its first showing (when the page is idle), so it shows at once. */
  LazyView.preload = start;
  return LazyView;
}
