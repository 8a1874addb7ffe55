// The lazily loaded formatter: DOMPurify and the markup converter, in a chunk of their own that is
// only downloaded when formatting is on and a message looks formatted (see needs-format.ts).
import DOMPurify from 'dompurify';
import { linkDisclosure } from './link-target.js';
import { toHtml } from './to-html.js';

// A private instance: hooks added to the default one would also change how the host app sanitizes
// (in the npm build the app may share our copy of dompurify).
const purify = DOMPurify(window);

const REL = 'noopener noreferrer nofollow ugc';

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName !== 'A') return;
  if (!node.getAttribute('href')) {
    // The URL was refused (not http, https or mailto): keep the words, drop the link.
    node.replaceWith(...node.childNodes);
    return;
  }
  node.setAttribute('target', '_blank');
  node.setAttribute('rel', REL);
  // Raw HTML never made by toHtml can still hide its target (<a href=evil>bank.example</a>): show it.
  const disclosure = linkDisclosure(node.getAttribute('href') as string, node.textContent ?? '');
  if (disclosure) node.append(disclosure);
});

const CONFIG = {
  ALLOWED_TAGS: ['a', 'strong', 'em', 'code'],
  ALLOWED_ATTR: ['href'],
  ALLOWED_URI_REGEXP: /^(?:https?:\/\/|mailto:)/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

/** DOMPurify with the widget's allow-list: the second line of defence, tested alone on raw vectors. */
export function sanitize(html: string): string {
  return purify.sanitize(html, CONFIG) as string;
}

/** Formats a message's text into sanitized HTML (see to-html.ts for the markup). */
export function formatMessage(text: string): string {
  return sanitize(toHtml(text));
}
