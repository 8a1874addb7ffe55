// The loader's whole stylesheet, hand-written: the Tailwind sheet only arrives with the chat window.
//
// `:host` sits in the lowest cascade layer so the window's Tailwind base (layer `base`, added later)
// can still set the font; `all: initial` stops the page's inherited text styles at the boundary, and
// the few `!important`s keep page rules (which beat `:host` otherwise) from moving or hiding the widget.
// The theme's custom properties are declared here, on `:host`: a page rule on the `org-chat-widget`
// element, or the options (an inline style), override them, while the page's `:root` variables do not
// leak in, since declared properties are not inherited.
// The launcher's rules are unlayered on purpose: unlayered rules beat every layer, so Tailwind's
// preflight, which resets all buttons, cannot restyle the launcher once the window is loaded.
// The launcher keeps clear of the notch and home indicator (safe-area insets, 0 unless the page set
// `viewport-fit=cover`).

/** Styles of the host element and the launcher button. */
export const HOST_CSS =
  '@layer host{:host{all:initial;display:block!important;position:fixed!important;z-index:2147483000!important;top:0;left:0;width:0;height:0;--org-chat-accent:#4f46e5;--org-chat-accent-text:#fff;--org-chat-radius:16px;--org-chat-font:system-ui,sans-serif;color:#0f172a;font:16px/1.5 var(--org-chat-font)}}' +
  '.launcher{all:unset;position:fixed;right:calc(20px + env(safe-area-inset-right));bottom:calc(20px + env(safe-area-inset-bottom));width:56px;height:56px;border-radius:50%;display:flex;align-items:center;justify-content:center;background:var(--org-chat-accent);color:var(--org-chat-accent-text);box-shadow:0 6px 16px #0f172a4d;cursor:pointer}' +
  ':host([data-position=left]) .launcher{right:auto;left:calc(20px + env(safe-area-inset-left))}' +
  '.launcher:hover{filter:brightness(.9)}' +
  '.launcher:focus-visible{outline:3px solid var(--org-chat-accent);outline-offset:3px}' +
  '.launcher svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}' +
  '.launcher .open,[aria-expanded=true] .closed{display:none}' +
  '[aria-expanded=true] .open{display:block}' +
  '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;padding:0 6px;box-sizing:border-box;border-radius:11px;border:2px solid #fff;background:#b91c1c;color:#fff;font:700 12px/18px system-ui}' +
  '.badge:empty{display:none}' +
  '@media (max-width:639.98px){.launcher[aria-expanded=true]{display:none}}';
