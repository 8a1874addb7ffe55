// The loader's whole stylesheet, hand-written: the Tailwind sheet only arrives with the chat window.
//
// `:host` sits in the lowest cascade layer so the window's Tailwind base (layer `base`, added later)
// can still set the font; `all: initial` stops the page's inherited text styles at the boundary, and
// the few `!important`s keep page rules (which beat `:host` otherwise) from moving or hiding the widget.
// The launcher's rules are unlayered on purpose: unlayered rules beat every layer, so Tailwind's
// preflight, which resets all buttons, cannot restyle the launcher once the window is loaded.

/** Styles of the host element and the launcher button. */
export const HOST_CSS = `@layer host{:host{all:initial;display:block!important;position:fixed!important;z-index:2147483000!important;top:0;left:0;width:0;height:0;color:#0f172a;font:16px/1.5 system-ui,sans-serif}}
.launcher{position:fixed;right:20px;bottom:20px;box-sizing:border-box;width:56px;height:56px;margin:0;padding:0;border:0;border-radius:50%;display:flex;align-items:center;justify-content:center;background:#4f46e5;color:#fff;box-shadow:0 6px 16px rgb(15 23 42/.3);cursor:pointer;transition:transform .15s,background-color .15s}
.launcher:hover{background:#4338ca}
.launcher:active{transform:scale(.94)}
.launcher:focus-visible{outline:3px solid #a5b4fc;outline-offset:3px}
.launcher[aria-busy=true]{cursor:progress;opacity:.75}
.launcher svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
.launcher .open,.launcher[aria-expanded=true] .closed{display:none}
.launcher[aria-expanded=true] .open{display:block}
@media (max-width:639.98px){.launcher[aria-expanded=true]{display:none}}
@media (prefers-reduced-motion:reduce){.launcher{transition:none}}`;
