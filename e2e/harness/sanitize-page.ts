// A harness page's script: the widget's sanitizer alone (DOMPurify and its allow-list), to test the
// second line of defence on raw HTML that the markup converter would never produce.
import { sanitize } from '../../widget/src/Chat/format/format-message.js';

Object.assign(window, { sanitize });
