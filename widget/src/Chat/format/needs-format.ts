// Only a message that could contain formatting makes the widget download the sanitizer (~12 KB
// gzipped): a plain "hello" never does. False positives only cost that download.
const MARKUP = /[*_`]|https?:\/\/|mailto:/i;

/** Whether `text` may contain formatting (links, emphasis, code). */
export function needsFormat(text: string): boolean {
  return MARKUP.test(text);
}
