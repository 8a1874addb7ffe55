import type { ChatWidgetOptions } from '../types.js';

/**
 * Applies the theming options to the host element: attributes the stylesheets select on (`:host([…])`)
 * and custom properties as an inline style, which beats both `:host` and the page's own rules.
 */
export function applyTheme(host: HTMLElement, options: ChatWidgetOptions): void {
  if (options.theme) host.dataset.theme = options.theme;
  if (options.position) host.dataset.position = options.position;
  const properties: Array<[string, string | undefined]> = [
    ['accent', options.accentColor],
    ['accent-text', options.accentTextColor],
    ['radius', options.radius],
    ['font', options.font],
  ];
  for (const [name, value] of properties) {
    if (value) host.style.setProperty(`--org-chat-${name}`, value);
  }
}
