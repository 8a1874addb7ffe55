import type { Locale } from './locale.js';
import type { LauncherStrings } from './strings.js';

/** The launcher's texts in every shipped language (the full dictionaries load with the window). */
export const LAUNCHER_STRINGS: Record<Locale, LauncherStrings> = {
  en: { openChat: 'Open chat', minimizeChat: 'Minimize chat', unread: '{n} unread' },
  fr: { openChat: 'Ouvrir le chat', minimizeChat: 'Réduire le chat', unread: '{n} non lu(s)' },
  de: { openChat: 'Chat öffnen', minimizeChat: 'Chat minimieren', unread: '{n} ungelesen' },
};
