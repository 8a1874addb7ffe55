import { describe, expect, it } from 'vitest';
import { toHtml } from './to-html.js';

describe('toHtml', () => {
  it('escapes every tag and quote in the text', () => {
    expect(toHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('formats bold, italic and code, and nothing inside code', () => {
    expect(toHtml('**bold** and *it* and _it_ and `a *b* <c>`')).toBe(
      '<strong>bold</strong> and <em>it</em> and <em>it</em> and <code>a *b* &lt;c&gt;</code>',
    );
  });

  it('links http(s) and mailto URLs, leaving sentence punctuation outside', () => {
    expect(toHtml('see https://example.com/a?b=1.')).toBe(
      'see <a href="https://example.com/a?b=1">https://example.com/a?b=1</a>.',
    );
    expect(toHtml('[docs](https://example.com) or [mail](mailto:a@example.com)')).toBe(
      '<a href="https://example.com">docs</a> or <a href="mailto:a@example.com">mail</a>',
    );
  });

  it('does not link other schemes', () => {
    expect(toHtml('[x](javascript:alert(1)) javascript:alert(1)')).toBe(
      '[x](javascript:alert(1)) javascript:alert(1)',
    );
  });

  it('leaves snake_case and lone asterisks alone', () => {
    expect(toHtml('snake_case_name 2 * 3 * 4')).toBe('snake_case_name 2 * 3 * 4');
  });

  it('never formats inside a URL', () => {
    expect(toHtml('https://example.com/_a_/*b*')).toBe(
      '<a href="https://example.com/_a_/*b*">https://example.com/_a_/*b*</a>',
    );
  });
});
