import { Component, type ComponentChild, type FunctionComponent } from 'preact';

/**
 * Wraps a component so it re-renders only when a prop changed (shallow compare): message rows, of
 * which a long log has a thousand. A few lines instead of `preact/compat`, which would weigh ~3 KB.
 */
export function memo<P extends object>(render: (props: P) => ComponentChild): FunctionComponent<P> {
  // biome-ignore lint/correctness/noComponentHookFactories: a factory by design, called once per row type at module level.
  class Memo extends Component<P> {
    override shouldComponentUpdate(next: P): boolean {
      const current = this.props as Record<string, unknown>;
      const incoming = next as Record<string, unknown>;
      for (const key in incoming) if (incoming[key] !== current[key]) return true;
      for (const key in current) if (!(key in incoming)) return true;
      return false;
    }
    override render(props: P): ComponentChild {
      return render(props);
    }
  }
  return Memo as unknown as FunctionComponent<P>;
}
