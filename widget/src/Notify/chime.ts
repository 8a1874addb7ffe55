type AudioContextClass = typeof AudioContext;

let context: AudioContext | undefined;

/** Whether this page has had a click or key press, where `navigator.userActivation` is missing. */
let activated = false;
const onGesture = () => {
  activated = true;
};
if (typeof window !== 'undefined') {
  window.addEventListener('pointerdown', onGesture, { capture: true, once: true });
  window.addEventListener('keydown', onGesture, { capture: true, once: true });
}

/**
 * Plays a short, quiet two-note chime, made on the spot with Web Audio (no file to download). Only where
 * the page may play audio, that is after the visitor clicked or typed in it (so the browser raises no
 * autoplay error), and never under `prefers-reduced-motion: reduce`, which this widget reads as "fewer
 * interruptions".
 */
export function playChime(win: Window = window): void {
  if (win.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
  const activation = (win.navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation;
  if (!(activation ? activation.hasBeenActive : activated)) return;
  const audioWindow = win as unknown as {
    AudioContext?: AudioContextClass;
    webkitAudioContext?: AudioContextClass;
  };
  const Context = audioWindow.AudioContext ?? audioWindow.webkitAudioContext;
  if (!Context) return;
  context ??= new Context();
  const audio = context;
  audio
    .resume()
    .then(() => {
      if (audio.state !== 'running') return;
      const start = audio.currentTime;
      const gain = audio.createGain();
      gain.connect(audio.destination);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.08, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
      const tone = audio.createOscillator();
      tone.type = 'sine';
      tone.frequency.setValueAtTime(880, start);
      tone.frequency.setValueAtTime(1320, start + 0.1);
      tone.connect(gain);
      tone.start(start);
      tone.stop(start + 0.32);
    })
    .catch(() => {});
}
