// A formatted link must show where it goes (issue 10): `[your bank](https://evil.example)` would
// otherwise show one address and open another. Used by the markup converter and, as a second line
// of defence, by the sanitizer on every link it keeps.

/**
 * Where a link goes, as a reader should see it: the host for http(s) (in its ASCII form, so a
 * look-alike IDN shows as `xn--…`), the address for mailto; undefined for a URL that does not parse.
 */
export function linkTarget(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.protocol === 'mailto:') return decodedAddress(url.pathname);
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.host;
  return undefined;
}

// A malformed escape (`%E0`) must not break the message: show the address as written.
function decodedAddress(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * What to show after a link's text so that it says where the link goes: ` (host)` unless the text
 * already starts with that destination (`https://host/…`, `host/…`, or the mailto address) or ends
 * with it in parentheses. A URL with a user name (`https://bank.example@evil.example`) always gets
 * its host, because the text alone misleads.
 */
export function linkDisclosure(href: string, text: string): string {
  const target = linkTarget(href);
  if (target === undefined) return '';
  const shown = text.trim().toLowerCase();
  const wanted = target.toLowerCase();
  if (shown.endsWith(`(${wanted})`)) return '';
  const url = new URL(href);
  const honest =
    url.protocol === 'mailto:'
      ? shown === wanted || shown === `mailto:${wanted}`
      : !url.username &&
        !url.password &&
        [`${url.protocol}//${wanted}`, wanted].some(
          (start) =>
            shown === start ||
            shown.startsWith(`${start}/`) ||
            shown.startsWith(`${start}?`) ||
            shown.startsWith(`${start}#`),
        );
  return honest ? '' : ` (${target})`;
}
