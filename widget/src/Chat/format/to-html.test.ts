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
      '<a href="https://example.com">docs (example.com)</a> or <a href="mailto:a@example.com">mail (a@example.com)</a>',
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

describe('toHtml: a link always shows where it goes', () => {
  it('shows the host beside a label that hides it', () => {
    expect(toHtml('[your bank](https://evil.example/login)')).toBe(
      '<a href="https://evil.example/login">your bank (evil.example)</a>',
    );
  });

  it('shows the real host beside a label that names another one', () => {
    expect(toHtml('[https://bank.example](https://evil.example)')).toBe(
      '<a href="https://evil.example">https://bank.example (evil.example)</a>',
    );
    expect(toHtml('[bank.example/login](https://evil.example/login)')).toBe(
      '<a href="https://evil.example/login">bank.example/login (evil.example)</a>',
    );
  });

  it('adds nothing when the label already starts with the destination', () => {
    expect(toHtml('[https://example.com/docs](https://example.com/docs/a)')).toBe(
      '<a href="https://example.com/docs/a">https://example.com/docs</a>',
    );
    expect(toHtml('[example.com](https://example.com)')).toBe(
      '<a href="https://example.com">example.com</a>',
    );
    expect(toHtml('[a@example.com](mailto:a@example.com)')).toBe(
      '<a href="mailto:a@example.com">a@example.com</a>',
    );
  });

  it('shows the host of a bare URL whose user name poses as a host', () => {
    expect(toHtml('https://bank.example@evil.example/login')).toBe(
      '<a href="https://bank.example@evil.example/login">https://bank.example@evil.example/login (evil.example)</a>',
    );
  });

  it('shows a look-alike internationalised host in its ASCII form', () => {
    // Cyrillic "а" in place of the Latin "a".
    expect(toHtml('https://\u0430pple.example/')).toBe(
      '<a href="https://\u0430pple.example/">https://\u0430pple.example/ (xn--pple-43d.example)</a>',
    );
  });

  it('leaves plain bare URLs as they are', () => {
    expect(toHtml('https://Example.com:8080/a?b=1&c=2')).toBe(
      '<a href="https://Example.com:8080/a?b=1&amp;c=2">https://Example.com:8080/a?b=1&amp;c=2</a>',
    );
  });

  it('escapes the shown destination like any text (no markup through an address)', () => {
    expect(toHtml('[x](mailto:%3Cimg%20src=x%20onerror=alert%601%60%3E@example.com)')).toBe(
      '<a href="mailto:%3Cimg%20src=x%20onerror=alert%601%60%3E@example.com">x (&lt;img src=x onerror=alert`1`&gt;@example.com)</a>',
    );
    expect(toHtml('[x](https://a.example/"><img src=x onerror=alert(1)>)')).not.toMatch(/<img/);
    // A malformed escape shows as written rather than breaking the message.
    expect(toHtml('[x](mailto:%E0@example.com)')).toBe(
      '<a href="mailto:%E0@example.com">x (%E0@example.com)</a>',
    );
  });
});
