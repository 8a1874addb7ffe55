import { linkDisclosure } from './link-target.js';

/** A formatted message: HTML made only of `<a href>`, `<strong>`, `<em>` and `<code>`, with text escaped. */
export type FormattedHtml = string;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([k, v]) => [v, k]));
const unescapeHtml = (html: string) =>
  html.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => UNESCAPES[entity] ?? entity);

/** ` (host)` after a link whose text does not show where it goes (see link-target.ts), escaped. */
const disclosed = (href: string, text: string) =>
  escapeHtml(linkDisclosure(unescapeHtml(href), unescapeHtml(text)));

// [label](url) with an http(s) or mailto URL, and bare http(s) URLs. Schemes are checked here and
// again by the sanitizer's allow-list.
const LINK = /\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)|((?:https?:\/\/|mailto:)[^\s<]+)/gi;
// Punctuation that ends a sentence rather than a URL ("see https://example.com.").
const TRAILING = /[.,;:!?'")\]]+$/;

/** Formats the links of escaped `text`, and emphasis only between them (never inside a URL). */
function linksAndEmphasis(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, target, bare] = match;
    html += emphasis(text.slice(last, match.index));
    last = match.index + whole.length;
    if (label && target) {
      html += `<a href="${target}">${emphasis(label)}${disclosed(target, label)}</a>`;
      continue;
    }
    const url = bare ?? whole;
    const tail = TRAILING.exec(url)?.[0] ?? '';
    const href = url.slice(0, url.length - tail.length);
    html += `<a href="${href}">${href}${disclosed(href, href)}</a>${tail}`;
  }
  return html + emphasis(text.slice(last));
}

function emphasis(text: string): string {
  return text
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<em>$2</em>');
}

/**
 * Turns a message's light markup into HTML: `code`, [links](https://…), bare URLs, **bold**, *italic*
 * and _italic_. A link whose text does not show its destination gets it beside: `label (host)`. Everything else is escaped text, so the only tags are the ones made here; the result
 * still goes through DOMPurify (see format-message.ts) as the second line of defence.
 */
export function toHtml(text: string): FormattedHtml {
  // Split on code spans first: nothing inside `…` is formatted.
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, index) =>
      index % 2 === 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : linksAndEmphasis(escapeHtml(part)),
    )
    .join('');
}
