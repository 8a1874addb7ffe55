/** What an audit of rendered messages found that could run script; empty when everything is inert. */
export interface AuditFindings {
  scripts: number;
  handlers: string[];
  badUrls: string[];
  /** Tags inside message bodies beyond the allow-list. */
  tags: string[];
  /** Links without the rel and target the widget promises. */
  unsafeLinks: string[];
}

/**
 * Runs in the page: walks the widget's shadow root (or `root`) and reports anything that could run
 * script: <script> (and frames, plugins, base), , `on*` attributes, and URLs other than http(s), mailto
 * or in-page ones; inside message bodies (`.body`), any tag beyond a/strong/em/code.
 */
export function auditInPage(rootSelector: string): AuditFindings {
  const host = document.querySelector(rootSelector);
  const root: ParentNode = host?.shadowRoot ?? host ?? document;
  const findings: AuditFindings = { scripts: 0, handlers: [], badUrls: [], tags: [], unsafeLinks: [] };
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster'];
  for (const element of root.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'base', 'meta'].includes(tag)) findings.scripts++;
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) findings.handlers.push(`${tag}[${name}]`);
      if (urlAttributes.includes(name) && !/^(https?:|mailto:|#|$)/i.test(attribute.value.trim())) {
        findings.badUrls.push(`${tag}[${name}=${attribute.value}]`);
      }
    }
    if (element.closest('.body') && element.closest('.body') !== element) {
      if (!['a', 'strong', 'em', 'code'].includes(tag)) findings.tags.push(tag);
      if (tag === 'a') {
        const rel = element.getAttribute('rel');
        if (rel !== 'noopener noreferrer nofollow ugc' || element.getAttribute('target') !== '_blank') {
          findings.unsafeLinks.push(element.outerHTML);
        }
      }
    }
  }
  return findings;
}

/** No findings at all. */
export const CLEAN: AuditFindings = { scripts: 0, handlers: [], badUrls: [], tags: [], unsafeLinks: [] };
